// The web chat: talks to /api/v1 and shows replies with their choices as buttons.
// No build step, no dependencies. Text from the server is escaped before **bold** is applied.
"use strict";

(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("text");
  const send = document.getElementById("send");

  const say = {
    busy: "Bạn gửi nhanh quá, vui lòng đợi một chút rồi hỏi lại nhé.",
    starting: "Trợ lý đang khởi động, bạn thử lại sau giây lát nhé.",
    error: "Xin lỗi, có lỗi xảy ra. Bạn thử lại nhé.",
    offline: "Không kết nối được máy chủ. Bạn kiểm tra mạng rồi thử lại nhé.",
    tooLong: "Câu hỏi dài quá, bạn rút gọn dưới 2000 ký tự nhé.",
    topics: "Chọn một chủ đề:",
    topic: "Chọn một câu hỏi:",
    thanks: "Cảm ơn góp ý của bạn!",
    up: "👍 Hữu ích",
    down: "👎 Chưa đúng",
  };

  function escapeHTML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  // Plain text with **bold**, paragraphs, "1." steps and "- " bullets (kept as lines).
  function render(text) {
    return text.split("\n").map(function (line) {
      return escapeHTML(line).replace(/\*\*([^*]+?)\*\*/g, "<strong>$1</strong>");
    }).join("\n");
  }

  function bubble(who, html, extra) {
    const div = document.createElement("div");
    div.className = "msg " + who + (extra ? " " + extra : "");
    div.innerHTML = html;
    log.appendChild(div);
    // A long answer is read from its top; the user's own line just needs to show.
    div.scrollIntoView({ block: who === "bot" ? "start" : "end", behavior: "smooth" });
    return div;
  }

  function choices(parent, items) {
    if (!items.length) return;
    const box = document.createElement("div");
    box.className = "choices";
    items.forEach(function (it) { box.appendChild(it); });
    parent.appendChild(box);
  }

  function button(label, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function showReply(r) {
    const div = bubble("bot", render(r.text || ""));
    const items = [];
    (r.options || []).forEach(function (o) {
      const label = (r.kind === "clarify" ? "" : "➡️ ") + o.title;
      items.push(button(label, function () { chooseEntry(o); }));
    });
    (r.links || []).forEach(function (l) {
      if (!/^https:\/\//.test(l.url)) return;
      const a = document.createElement("a");
      a.href = l.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = l.title;
      items.push(a);
    });
    choices(div, items);
    if (r.id && (r.kind === "answer" || r.kind === "safety")) vote(div, r.id, r.exchange);
  }

  // Feedback names the entry (for the counter) and the stored exchange (for staff), when the
  // reply has them.
  function vote(parent, id, exchange) {
    const box = document.createElement("div");
    box.className = "vote";
    function cast(v) {
      return function () {
        box.innerHTML = '<span class="thanks">' + escapeHTML(say.thanks) + "</span>";
        fetch("/api/v1/feedback", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ id: id, vote: v, exchange: exchange || "" }),
        }).catch(function () {});
      };
    }
    box.appendChild(button(say.up, cast("up")));
    box.appendChild(button(say.down, cast("down")));
    parent.appendChild(box);
  }

  async function call(url, options) {
    const typing = bubble("bot", "…", "typing");
    try {
      const res = await fetch(url, options);
      typing.remove();
      if (res.ok) return await res.json();
      if (res.status === 429) bubble("bot", escapeHTML(say.busy), "error");
      else if (res.status === 503) bubble("bot", escapeHTML(say.starting), "error");
      else bubble("bot", escapeHTML(say.error), "error");
    } catch (e) {
      typing.remove();
      bubble("bot", escapeHTML(say.offline), "error");
    }
    return null;
  }

  async function ask(text) {
    bubble("me", escapeHTML(text));
    const r = await call("/api/v1/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text }),
    });
    if (r) showReply(r);
  }

  async function chooseEntry(o) {
    bubble("me", escapeHTML(o.title));
    const r = await call("/api/v1/entries/" + encodeURIComponent(o.id));
    if (r) showReply(r);
  }

  async function showTopics() {
    const r = await call("/api/v1/topics");
    if (!r) return;
    const div = bubble("bot", escapeHTML(say.topics));
    choices(div, r.topics.map(function (t) {
      return button("📂 " + t.name + " (" + t.entries.length + ")", function () {
        bubble("me", escapeHTML(t.name));
        const d = bubble("bot", "<strong>" + escapeHTML(t.name) + "</strong>\n" + escapeHTML(say.topic));
        choices(d, t.entries.map(function (e) {
          return button(e.title, function () { chooseEntry(e); });
        }));
      });
    }));
  }

  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    if (text.length > 2000) { bubble("bot", escapeHTML(say.tooLong), "error"); return; }
    input.value = "";
    input.style.height = "";
    send.disabled = true;
    try { await ask(text); } finally { send.disabled = false; input.focus(); }
  });

  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", function () {
    input.style.height = "";
    input.style.height = Math.min(input.scrollHeight, 128) + "px";
  });
  document.getElementById("topics").addEventListener("click", showTopics);

  call("/api/v1/welcome").then(function (r) { if (r) showReply(r); });
})();
