# vneidbot as a container: a static binary, the FAQ baked in (mount your own over /srv/vneidbot/faq
# to edit it live), run as an unprivileged user, healthy once the index is loaded (/readyz).
#
#   docker build -t vneidbot .
#   docker run -p 8080:8080 -v vneidbot-data:/var/lib/vneidbot vneidbot
#
# Build stage: the Go release go.mod names.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY internal ./internal
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/vneidbot ./cmd/vneidbot
COPY faq ./faq
# Lint the FAQ now: an image never ships content that would not load.
RUN /out/vneidbot lint faq >/dev/null

# Run stage: Alpine for its busybox wget (the health check); the binary needs nothing else.
FROM alpine:3.22
RUN adduser -D -H -u 10001 vneidbot \
 && mkdir -p /srv/vneidbot /var/lib/vneidbot/index /var/lib/vneidbot/data \
 && chown -R vneidbot /var/lib/vneidbot
COPY --from=build /out/vneidbot /usr/local/bin/vneidbot
COPY --from=build /src/faq /srv/vneidbot/faq
USER vneidbot
WORKDIR /srv/vneidbot
ENV VNEIDBOT_HTTP=0.0.0.0:8080 \
    VNEIDBOT_FAQ=/srv/vneidbot/faq \
    VNEIDBOT_INDEX=/var/lib/vneidbot/index \
    VNEIDBOT_DATA=/var/lib/vneidbot/data
VOLUME /var/lib/vneidbot
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/readyz || exit 1
# SIGTERM: stop taking updates, deliver what is in flight, exit 0 within 10 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/vneidbot"]
CMD ["serve"]
