package answer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// These tests read messages with the project's own word lists (faq/words.yaml, faq/offtopic.yaml):
// they hold the classes of messages, not single examples, against the content staff edit.

func realLexicon(t *testing.T) lexicon {
	t.Helper()
	set, problems, err := faq.Load("../../faq", time.Now())
	if err != nil || set == nil {
		t.Fatalf("load faq: %v %v", err, problems)
	}
	lx := newLexicon(set.Words, set.OffTopic, set.Synonyms.Groups)
	lx.togetherSpan = DefaultSettings().TogetherSpan
	return lx
}

// TestDoForMe: "hộ" as "for me" asks the bot to do the procedure; "hộ" inside a noun (passport,
// household, household business, poor household, head of household) does not.
func TestDoForMe(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg  string
		want bool
	}{
		{"bạn làm hộ tôi cái định danh mức 2 được không", true},
		{"lam ho em cai tam tru voi", true},
		{"làm giúp mình thủ tục tạm trú với", true},
		{"ad dang ky ho em tai khoan vneid nhe", true},
		{"bot ơi đăng ký giùm mẹ em cái vneid được ko", true},
		{"đăng ký giùm mẹ em cái vneid được ko", false}, // for whom, by whom: unsure, so answered as a question
		// someone named has not done it: a report, answered as a question (usability test, round 41)
		{"phòng mới thì chủ nhà chưa đăng ký cho tôi, giờ phải làm gì", false},
		{"chu tro ko chiu dang ky cho toi thi sao", false},
		{"công ty không chịu làm giúp tôi", false},
		{"không đăng ký cho tôi được à bot", true},                    // no doer before the "không": the bot is asked
		{"bot ơi chưa ai đăng ký cho tôi, làm hộ tôi luôn nhé", true}, // a request after the report
		{"ad đăng ký tạm trú cho tôi luôn nhé", true},                 // the bot named doing it, "cho tôi luôn" (do_for_me_please)
		{"ad ơi đăng ký tạm trú cho tôi thì cần giấy gì", false},      // a question after it
		{"nộp hộ tôi hồ sơ khai sinh cho cháu", true},
		{"bạn đăng nhập giúp tôi được không", true},
		{"làm hộ chiếu cho con 5 tuổi cần gì", false},
		{"lam ho chieu online mat bao lau", false},
		{"tách hộ khẩu ra riêng thì làm sao", false},
		{"tach ho khau cho vo chong moi cuoi", false},
		{"chủ hộ đi vắng thì ai ký tờ khai tạm trú", false},
		{"chu ho lam giay xac nhan cu tru o dau", false},
		{"hộ gia đình đóng bhyt trên vneid được không", false},
		{"đăng ký hộ kinh doanh có cần mức 2 không", false},
		{"dang ky ho kinh doanh online", false},
		{"hộ nghèo có được miễn lệ phí căn cước không", false},
		{"hộ cận nghèo làm thẻ có mất tiền không", false},
		{"nop ho so tam tru tren vneid", false},
		{"tôi nộp hồ sơ cấp đổi thẻ rồi", false},
		{"họ bảo làm lại thẻ", false},
		{"làm hộ chiếu xong rồi, giờ bạn làm hộ tôi cái tạm trú luôn", true},
		{"bạn có làm hộ được không", true},
		// Someone named right before the phrase does it, not the bot: a question, not a request.
		{"việc nào người nhà làm giúp được, việc nào bắt buộc tự đi", false},
		{"tôi đăng ký hộ mẹ được không", false},
		{"co ai lam ho muc 2 ma tra tien khong", false},
		{"nguoi nha lam thay dc ko, co ai ho tro tai nha ko ad", false},
		{"cán bộ phường làm giúp được không", false},
		{"ủy quyền cho vợ tôi đi làm thay không", false},
		// Each clause on its own: a word before a comma names no doer.
		{"em ở xa, làm hộ em cái tạm trú với", true},
		{"chào ad nha, làm hộ em cái tạm trú với", true},
		{"bot ơi em quên, làm hộ em cái tạm trú với", true},
		{"thôi mà, làm hộ em cái tạm trú đi", true},
		{"nếu làm thay, tôi cần giấy ủy quyền không", false},
		// For the writer: "cho" between, chat spellings; not a sibling or a baby.
		{"làm hộ cho em cái tạm trú với", true},
		{"làm giùm cho mình cái tạm trú với", true},
		{"lam ho e cai tam tru voi", true},
		{"làm giúp mk cái tạm trú", true},
		{"tôi muốn đăng ký hộ em gái tôi tài khoản định danh mức 2 thì cần gì", false},
		{"có thể làm hộ em bé giấy khai sinh không", false},
		// The bot named: before with no question between, or last.
		{"làm hộ mẹ em cái vneid với ad", true},
		{"kích hoạt giùm tài khoản định danh với bot ơi", true},
		{"ad ơi cho em hỏi đăng ký hộ mẹ em vneid được không", false},
		{"ad cho hỏi người thân có được đăng ký hộ không", false},
		{"hỏi bot mãi không được, mẹ bảo nộp hộ thì sao", false},
		// The request after the procedure named; "chỉ giùm" asks to be shown, which the bot does.
		{"Bạn làm thủ tục khai sinh hộ tôi được không", true},
		{"nộp hồ sơ lý lịch tư pháp giùm em với", true},
		{"chỉ giùm em cách đăng ký tạm trú", false},
		{"hướng dẫn dùm mình đổi số điện thoại", false},
		{"tách hộ tôi được không", false},
		{"lam ho tu xa dc ko a", false},
		// "giúp tôi" after the bot named as the one doing the procedure, with no question
		// between; alone, or after a question or guidance, it is a plea and the bot answers.
		{"bạn nộp hồ sơ cấp đổi căn cước giúp tôi nhé", true},
		{"ad đăng ký khai sinh cho con giúp em", true},
		{"bot kích hoạt vneid giúp em nhé", true},
		{"nhờ ad đăng ký thường trú giúp tôi", true},
		{"bot dang ky tam tru giup minh voi", true},
		// Without diacritics "bạn" is also "bản" (a form); "nhờ bạn" and a doer ask a friend;
		// "làm việc" is opening hours.
		{"ban khai tam tru ghi sai giup em voi", false},
		{"ban dang ky thuong tru co mau khong giup em", false},
		{"tôi nhờ bạn làm căn cước giúp tôi được không", false},
		{"ad làm việc thứ 7 không giúp em với", false},
		// "nhờ ad … giúp em" is how any question is asked; a question after it asks.
		{"nhờ ad giải đáp giúp em câu hỏi: đổi thẻ căn cước ở đâu", false},
		{"nho ad ho tro giup e voi, e ko nhan dc otp", false},
		{"ad làm ntn giúp em để kích hoạt vneid", false},
		{"bạn làm rõ giúp mình lệ phí đổi thẻ", false},
		{"ad đổi giúp em số điện thoại", true},
		{"ad ơi em đăng ký mức 2 mà không được, giúp em với", false},
		{"ad kiểm tra giúp em sao không nhận được otp", false},
		{"bạn làm ơn hướng dẫn giúp tôi cách đổi số điện thoại", false},
		{"nhờ ad hướng dẫn giúp em cách kích hoạt", false},
		{"bạn đổi số điện thoại trên vneid thế nào giúp mình với", false},
		{"bot đăng ký tạm trú cần gì giúp em với", false},
		{"không nhận được otp giúp em với", false},
		// The writer named inside a listed phrase, not at its end ("hộ tôi luôn", "hộ em với").
		{"đổi thẻ hộ tôi luôn", true},
		{"dang ky tam tru ho em voi", true},
		// "hộ tôi" with no verb is the household; "tách hộ" is a compound.
		{"hộ tôi có 5 người muốn tách hộ thì làm sao", false},
		{"tách hộ tôi với hộ bố mẹ được không", false},
		{"chuyển khẩu mẹ về hộ tôi được không", false},
		{"tách khẩu ra khỏi hộ tôi được không", false},
		{"đăng ký thường trú cho mẹ chung hộ tôi được không", false},
	}
	for _, tt := range tests {
		if got := lx.read(tt.msg).doForMe; got != tt.want {
			t.Errorf("doForMe(%q) = %v, want %v", tt.msg, got, tt.want)
		}
	}
}

// TestOpeners: an opener ("ad ơi") or praise ("dễ hiểu quá") is read with what else the message
// says besides small talk; the engine searches that rest (TestFailureClasses in package kb).
func TestOpeners(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg, kind, rest string
	}{
		{"ad ơi", "greeting", ""},
		{"ad oi", "greeting", ""},
		{"bạn ơi cho tôi hỏi chút", "greeting", ""},
		{"xin chào, tôi cần hỏi", "greeting", "tôi"},
		{"alo có ai ở đây không", "greeting", ""},
		{"cho em hỏi bản sao ạ", "greeting", "bản sao ạ"},
		{"ad ơi không nhận được otp", "greeting", "không nhận được otp"},
		{"giải thích dễ hiểu quá", "thanks", ""},
		{"app tuyệt vời nhưng em quên mật khẩu", "thanks", "app nhưng em quên mật khẩu"},
		{"ad ơi bot giỏi ghê", "thanks", ""},
		{"hỏi xíu thôi", "greeting", ""},
		{"em hỏi chút được không ạ", "greeting", "em ạ"},
		{"chào ad", "", ""}, // a greeting alone is small talk already
		{"đổi thẻ căn cước ở đâu", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		r := lx.read(tt.msg)
		if r.opens != tt.kind || r.openRest != tt.rest {
			t.Errorf("read(%q) opens %q, rest %q; want %q, %q", tt.msg, r.opens, r.openRest, tt.kind, tt.rest)
		}
	}
}

// TestAckAfterOpener: an acknowledgement said after addressing the bot answers the bot; one
// before the opener opens a question.
func TestAckAfterOpener(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg  string
		want bool
	}{
		{"ad ơi nói ngắn thôi", true},
		{"ad oi noi ngan thoi duoc ko", true},
		{"bạn ơi trả lời sai rồi", true},
		{"ok ad ơi", false},
		{"nói ngắn thôi", false}, // no opener: an acknowledgement already
		{"ad ơi mất thẻ", false},
	}
	for _, tt := range tests {
		if got := lx.read(tt.msg).ackAfterOpen; got != tt.want {
			t.Errorf("read(%q).ackAfterOpen = %v, want %v", tt.msg, got, tt.want)
		}
	}
}

// TestWithoutDoForMe: the asking words go, the procedure named stays, and so do compounds that
// only look like asking ("làm hộ chiếu").
func TestWithoutDoForMe(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct{ msg, want string }{
		{"làm hộ tôi đổi thẻ căn cước", "tôi đổi thẻ căn cước"},
		{"ad dang ky ho em tai khoan vneid nhe", "ad em tai khoan vneid nhe"},
		{"làm hộ chiếu xong rồi, giờ bạn làm hộ tôi cái tạm trú luôn", "làm hộ chiếu xong rồi giờ bạn tôi cái tạm trú luôn"},
		{"làm hộ chiếu cho con", "làm hộ chiếu cho con"},
	}
	for _, tt := range tests {
		if got := lx.withoutDoForMe(lx.read(tt.msg).words); got != tt.want {
			t.Errorf("withoutDoForMe(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

// TestSafetyFlags: risky messages raise their flag from words.yaml (or personal_data from pii).
func TestSafetyFlags(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg      string
		flags    []string // safety rules from words.yaml
		personal bool
		scam     bool
	}{
		{"để em chụp 2 mặt cccd gửi ad xem giúp nha", []string{"card_photo"}, false, false},
		{"minh gui anh cccd qua day duoc ko", []string{"card_photo"}, false, false},
		{"tôi gửi bạn ảnh căn cước để làm hồ sơ luôn nhé", []string{"card_photo"}, false, false},
		{"có ai bán tài khoản vneid mức 2 không", []string{"account_trade"}, false, false},
		{"mua acc vneid da xac thuc o dau", []string{"account_trade"}, false, false},
		{"cần thuê tài khoản định danh mức 2 giá tốt", []string{"account_trade"}, false, false},
		{"mình muốn mượn tài khoản vneid của chị gái để nộp hồ sơ", []string{"other_account"}, false, false},
		{"dung chung vneid voi chong duoc khong", []string{"other_account"}, false, false},
		{"đăng nhập vneid của bố để xem bhyt được không", []string{"other_account"}, false, false},
		{"mật khẩu vneid của em là Hoa@2001 sao đăng nhập hoài không được", []string{"password"}, true, false},
		{"mk la matkhau123 nhe ad", []string{"password"}, true, false},
		{"pass vneid: Thu#1990", []string{"password"}, true, false},
		{"vneid vừa gửi mã 482913, em đọc cho bạn nhé", []string{"otp_code"}, true, false},
		{"ma otp cua em 7 7 2 0 1 9 gui ad", []string{"otp_code"}, true, false},
		{"nhận làm định danh mức 2 tại nhà, bao đậu, ai cần ib", []string{"paid_service"}, false, false},
		{"ai cho em mượn tk vneid mức 2 đăng nhập chút, em trả tiền công", []string{"other_account", "paid_service"}, false, false},
		{"tài khoản là số căn cước, mật khẩu em nhắn sau nhé", []string{"other_account", "password"}, false, false},
		{"co nguoi goi tu xung cong an bat doc ma otp", nil, false, true},
		{"có người gọi bảo phải vào link nộp phạt trước 24 giờ không sẽ bị khởi tố", nil, false, true},
		{"bị khởi tố hình sự thì có bị thu hồi thẻ căn cước không", nil, false, false}, // the word alone is no threat
		// Someone else's loan in one's name is told by its parts (scam_theft_together); one's own is not.
		{"có người lấy cccd của tui đi vay app, giờ nó gọi đòi nợ", nil, false, true},
		{"Kẻ gian dùng ảnh căn cước của tôi để vay tiền qua ứng dụng", nil, false, true},
		{"tôi muốn vay tiền ngân hàng, dùng căn cước của tôi để vay được không", nil, false, false},
		{"app vneid cua toi ghi muc do 1, vay la thieu gi so voi nguoi khac", nil, false, false}, // "vay" is "vậy"
		// someone else's account, named by whose it is
		{"em dùng tài khoản vneid của bố để nộp hồ sơ được không", []string{"other_account"}, false, false},
		{"đăng nhập vneid của ông hàng xóm để xem được không", []string{"other_account"}, false, false},
		// photos already sent to a game group's "admin" are not sent to this chat; sent here, they are
		{"em đã chụp 2 mặt cccd gửi cho admin nhóm game, giờ họ mở ví điện tử tên em", nil, false, false},
		{"gui anh can cuoc len day de mo vi dien tu duoc ko", []string{"card_photo"}, false, false},
		// going on with a dead relative's account, told apart from it; a card used on is no account
		{"bố em mất rồi, tk vneid của bố vẫn trên máy em, em dùng tiếp làm giấy tờ được không", []string{"other_account"}, false, false},
		{"thẻ căn cước của ông còn hạn, ông dùng tiếp được không", nil, false, false},
		// a fake page dressed as VNeID; unmarked "trang web la" is also "là"
		{"quét mã QR ra trang giống hệt VNeID, tôi đã nhập số định danh với mật khẩu", nil, false, true},
		{"dia chi trang web la gi de nop ho so cap doi can cuoc", nil, false, false},
		{"trang web gia han the bhyt o dau", nil, false, false},
		{"vao trang vneid gia han tam tru the nao", nil, false, false},
		{"cccd 001203004567 0912345678 kiểm tra giúp em", nil, true, false},
		{"quên mật khẩu vneid thì làm sao", nil, false, false},
		{"đổi ảnh trên căn cước được không", nil, false, false},
		{"tài khoản vneid bị khóa", nil, false, false},
		// Lending something else is not lending the account.
		{"cho tôi mượn 2 triệu nha", nil, false, false},
		{"cho em mượn điện thoại gọi chút", nil, false, false},
		{"cho mình mượn mật khẩu vneid của bạn nhé", []string{"other_account"}, false, false},
		// "muon" without diacritics is also "muốn" (want): wanting a new password is no lending.
		{"em muon mat khau moi", nil, false, false},
		{"quen mk, muon mk moi", nil, false, false},
		{"em muon vneid muc 2", nil, false, false},
		{"em muon dang nhap vneid tren may moi", nil, false, false},
		{"cho em muon tk vneid muc 2 voi", []string{"other_account"}, false, false},
		// "bán" is also "bản" (copy, version) and "nhận" also "nhắn" (message) without diacritics.
		{"ban vneid moi nhat o dau", nil, false, false},
		{"nop ban cccd photo o dau", nil, false, false},
		{"tin nhan kich hoat vneid gui ve chua", nil, false, false},
		{"ban tk vneid muc 2 gia 500k", []string{"account_trade"}, false, false},
		// r26: lending a card, documents or an account; buying pictures of cards.
		{"có người trả 2 triệu để mượn căn cước của em đăng ký công ty, có nên không", []string{"account_trade"}, false, false},
		{"bạn bè năn nỉ cho mượn giấy tờ để mở thẻ ngân hàng", []string{"account_trade"}, false, false},
		{"trên mạng có người đăng tin mua hình ảnh chứng minh nhân dân", []string{"account_trade"}, false, false},
		{"chu tai khoan co duoc cho muon tai khoan ngan hang khong", []string{"other_account"}, false, false},
		// unmarked "muon" is also "muốn" and "muộn": wanting a card, or one let run late, is no loan; nor
		// is a landlord lending the house papers.
		{"em muon can cuoc cua con co chip thi lam sao", nil, false, false},
		{"em de muon cccd qua han 2 nam co bi phat khong", nil, false, false},
		{"nop muon giay to co phai tra tien phat ko", nil, false, false},
		{"chủ nhà không cho mượn giấy tờ nhà để đăng ký tạm trú thì làm sao", nil, false, false},
		{"bố cho mượn giấy tờ xe máy để đi đăng ký biển số", nil, false, false},
		{"ban vneid muc 2 gia 500k", []string{"account_trade"}, false, false},
		{"ban vneid muc 2 cua toi bi loi", nil, false, false}, // "bạn": your level-2 account
		{"làm mức 2 giá bao nhiêu", nil, false, false},
		// Offers of a service or of data, however the offer is worded; asking whether something
		// can be done from afar is a question, not an offer.
		{"dịch vụ làm mức 2 tại nhà uy tín", []string{"paid_service"}, false, false},
		// A trade, the police's home service for the bedridden, a brother who lost his card.
		{"chồng em chuyên nhận làm thợ hồ, giờ muốn đăng ký tạm trú ở công trình thì sao", nil, false, false},
		{"có dịch vụ làm căn cước tại nhà cho người già yếu không", nil, false, false},
		{"anh hai mat the can cuoc roi", nil, false, false},
		{"chuyên nhận kích hoạt định danh điện tử từ xa", []string{"paid_service"}, false, false},
		{"kích hoạt định danh từ xa được không", nil, false, false},
		{"tôi chuyên nhận hàng online, đăng ký tạm trú thế nào", nil, false, false},
		{"Mua bán thông tin căn cước số lượng lớn", []string{"account_trade"}, false, false},
		// Uploading both sides to the portal is no photo sent here.
		{"em đã tải lên hình ảnh 2 mặt cccd mà hồ sơ vẫn bị trả về", nil, false, false},
		{"xem ban du lieu ca nhan cua minh tren vneid", nil, false, false},
		{"ai co tk vneid muc 2 cho minh muon dang nhap lam ho so voi", []string{"other_account"}, false, false},
		{"có cần photo 2 mặt căn cước khi làm hồ sơ không", nil, false, false},
		// a building manager's or a school's demand, through a form: the question is whether to give them
		{"ban quản lý chung cư yêu cầu mỗi cư dân gửi ảnh hai mặt căn cước qua google form", nil, false, false},
		{"nhà trường bắt gửi ảnh căn cước của phụ huynh qua form có sao không", nil, false, false},
		// together: a risk told in many words is caught by its parts, wherever they stand
		{"Tôi chụp thẻ căn cước rồi đây, gửi vào đây để bạn kiểm tra thông tin trên thẻ nhé", []string{"card_photo"}, false, false},
		{"de minh gui hinh cccd len day cho ban xem ngay het han", []string{"card_photo"}, false, false},
		{"ảnh cccd đây, ad xem giúp còn dùng được không", []string{"card_photo"}, false, false},
		{"mình scan cccd ra file pdf rồi, gửi vô đây cho bot cất giùm", []string{"card_photo"}, false, false},
		{"tôi đang giữ mật khẩu vneid của cả xóm để báo lưu trú giùm", []string{"other_account"}, false, false},
		{"sếp bắt nhân viên nộp mật khẩu vneid để làm hồ sơ", []string{"other_account"}, false, false},
		{"ba tôi mất rồi, tôi xài tiếp tài khoản của ba làm giấy tờ đất được không", []string{"other_account"}, false, false},
		// unless: a guardian or legal representative may use the ward's account (NĐ 69/2024 Điều 14);
		// a relative who names no such role still gets the warning, and a typed password still does.
		{"Tôi là người giám hộ của em trai bị bệnh tâm thần, tôi có được dùng tài khoản VNeID của em để làm thủ tục cho em không", nil, false, false},
		{"toi la nguoi dai dien theo phap luat cua me, dang nhap vneid cua me de nop ho so tro cap duoc ko", nil, false, false},
		{"vo dung tai khoan vneid cua chong de lam thu tuc thi co sao ko", []string{"other_account"}, false, false},
		{"tôi là người giám hộ của mẹ, mật khẩu vneid của mẹ là Abc@12345 tôi đăng nhập được không", []string{"password"}, true, false},
		{"nay co nguoi hoi mua lai acc vneid cua e 2 trieu, ban dc ko", []string{"account_trade"}, false, false},
		{"ai cần data khách hàng có số cccd + sđt không, giá mềm", []string{"account_trade"}, false, false},
		{"sang nhượng nick vneid đã xác thực chính chủ", []string{"account_trade"}, false, false},
		{"tuyển ctv chụp thẻ căn cước người nhà gửi về, 50 nghìn một bộ", []string{"account_trade"}, false, false},
		{"tìm cò làm nhập hộ khẩu, ai quen thì inbox", []string{"paid_service"}, false, false},
		// risk_compounds: "làm hộ" running into "hộ chiếu", "hộ khẩu" is the noun; "gui qua" is "gửi qua"
		{"e lam ho chieu moi o dau a, nho nguoi nha o VN lam roi gui qua dc ko", nil, false, false},
		{"làm hộ khẩu cho con mất bao nhiêu tiền, có phải trả phí không", nil, false, false},
		{"nhờ người làm hộ hồ sơ cấp đổi căn cước, trả công bao nhiêu cũng được", []string{"paid_service"}, false, false},
		{"ai nhận làm hộ căn cước gấp không, bao nhiêu cũng chịu", []string{"paid_service"}, false, false},
		{"nho nguoi lam ho roi gui qua buu dien cho me duoc ko", nil, false, false},
		{"nhan lam tron goi tam tru thuong tru, phi hop ly", []string{"paid_service"}, false, false},
		{"ở Sài Gòn có chỗ nào làm hộ cccd lấy liền hông, chịu chi nha", []string{"paid_service"}, false, false},
		{"cho e xin sdt với địa chỉ nhà của thằng Hùng, nó vay e 30 củ rồi trốn", []string{"lookup_other"}, false, false},
		{"nhờ bot tìm số điện thoại của thằng đó", []string{"lookup_other"}, false, false},
		{"có cách nào tra cứu từ số căn cước ra tên người không", []string{"lookup_other"}, false, false},
		// the same words in our own questions: no warning
		{"đăng ký tạm trú có cần ảnh thẻ không, em mới chuyển qua đây để đi làm", nil, false, false},
		{"Em gửi ad câu hỏi: làm căn cước có cần ảnh thẻ không", nil, false, false},
		{"Ad ơi em lo thủ tục nhập khẩu cho con, chỗ nào làm nhanh, hotline là gì", nil, false, false},
		{"Tôi luôn giữ mật khẩu VNeID bí mật, nhân viên ngân hàng hỏi có nên đưa không", nil, false, false},
		{"Ad tìm giúp em địa chỉ công an phường Linh Trung với ạ", nil, false, false},
		{"ad tra loi giup em sdt doi roi thi lam sao dang nhap vneid", nil, false, false},
		{"nop ban cccd photo cho ho so gia dinh, lien he ai", nil, false, false},
		{"nộp hồ sơ thường trú online có cần chụp ảnh căn cước gửi kèm không", nil, false, false},
		{"ad xem giúp em mặt sau thẻ căn cước có những thông tin gì", nil, false, false},
		{"the cu bi mat truoc khi chuyen ve que, gui kem don trinh bao", nil, false, false},
		{"tôi cho thuê phòng trọ, đăng ký tạm trú cho người thuê có cần số căn cước của họ không", nil, false, false},
		{"muốn mua sim mới có cần số căn cước không", nil, false, false},
		{"dien thoai co data 4g thi moi vao tai khoan vneid duoc k", nil, false, false},
		{"công an xã làm hộ căn cước cho người già tại nhà thì có lấy tiền không", nil, false, false},
		{"dịch vụ nào làm trên vneid thì mất tiền, dịch vụ nào miễn phí", nil, false, false},
		{"xin xac nhan chu nha khi lam tam tru", nil, false, false},
		{"nhập số căn cước của khách ở đâu khi khai báo lưu trú", nil, false, false},
		{"kiểm tra số căn cước của mình trên vneid ở đâu", nil, false, false},
		{"dang nhap voi mat khau cu thi bao sai, tai khoan cua toi bi khoa a", nil, false, false},
		{"Hai vợ chồng xài chung 1 tài khoản ngân hàng thì liên kết VNeID thế nào", nil, false, false},
		{"Chào ad, đăng nhập vào tài khoản VNeID bị báo lỗi", nil, false, false},
		{"Tôi thuê nhà 1 năm, hết hợp đồng đã xóa tạm trú, chủ nhà không trả cọc, tìm hiểu thì đòi ở đâu", nil, false, false},
	}
	for _, tt := range tests {
		r := lx.read(tt.msg)
		var flags []string
		for _, s := range r.safety {
			flags = append(flags, s.flag)
		}
		if !slices.Equal(flags, tt.flags) || (len(r.personal) > 0) != tt.personal || r.scam != tt.scam {
			t.Errorf("read(%q): safety %v, personal %v, scam %v; want %v, %v, %v", tt.msg, flags, r.personal, r.scam, tt.flags, tt.personal, tt.scam)
		}
	}
}

// TestSafetyTogether: a together combination fires only with a phrase of every group, in any
// order, typed with or without diacritics, in one sentence within the span (8 here); a group
// word with other diacritics does not count.
func TestSafetyTogether(t *testing.T) {
	lx := newLexicon(faq.Words{Safety: []faq.SafetyRule{{
		Flag:     "photo",
		Together: [][][]string{{{"ảnh thẻ", "hình thẻ"}, {"gửi vào đây"}}},
		Message:  "PHOTO",
	}}}, nil, nil)
	lx.togetherSpan = 8
	tests := []struct {
		msg  string
		want bool
	}{
		{"ảnh thẻ em gửi vào đây nhé", true},
		{"gửi vào đây cái hình thẻ nha", true},
		{"anh the em gui vao day nhe", true},
		{"ảnh thẻ bị mờ thì sao", false},
		{"gửi vào đây được không", false},
		{"ánh thé gửi vào đây", false},         // other diacritics: other words
		{"ảnh thẻ. gửi vào đây", false},        // two sentences
		{"ảnh thẻ đây, em gửi vào đây", true},  // one sentence, commas and all
		{"ảnh thẻ x x x gửi vào đây", true},    // 8 words, first to last: the span
		{"ảnh thẻ x x x x gửi vào đây", false}, // 9: too far apart
	}
	for _, tt := range tests {
		r := lx.read(tt.msg)
		if got := len(r.safety) == 1; got != tt.want {
			t.Errorf("read(%q): safety %v, want fired %v", tt.msg, len(r.safety), tt.want)
		}
	}
}

// TestOffTopic: neighbouring public matters find their topic; our own matters and words that only
// look alike without diacritics do not.
func TestOffTopic(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg  string
		want string // off-topic id, "" for none
	}{
		{"giá vàng sjc hôm nay bao nhiêu", "gia-vang-ty-gia"},
		{"ty gia usd hom nay", "gia-vang-ty-gia"},
		{"ket qua xsmb hom nay", "xo-so-giai-tri"},
		// "va quet" is "và quét" (and scan: the chip) as well as "va quẹt" (a scrape).
		{"mo app va quet chip ko dc", ""},
		{"bi va quet xe may thi giai quyet sao", "tai-nan-giao-thong"},
		// "lo de" is "lô đề" (lottery) and "lỡ để" (left by mistake) alike.
		{"doi ma 6 so vi lo de ngay sinh", ""},
		{"quyết toán thuế thu nhập cá nhân năm nay làm thế nào", "thue-thu-nhap"},
		{"thue tncn nop o dau", "thue-thu-nhap"},
		{"muốn ly hôn thì nộp đơn ở đâu", "ly-hon-toa-an"},
		{"li di don phuong can giay to gi", "ly-hon-toa-an"},
		// r26: a first land certificate and its conditions.
		{"mẹ tôi định xin giấy chứng nhận quyền sử dụng đất thì có đủ điều kiện không", "dat-dai-so-do"},
		{"xin cap so do cho dat khai hoang lau nam duoc khong", "dat-dai-so-do"},
		{"nhà bà ở đủ điều kiện cấp sổ đỏ chưa", "dat-dai-so-do"},
		{"tra diem thi tot nghiep thpt o dau", "diem-thi-tuyen-sinh"},
		{"điểm chuẩn đại học năm nay", "diem-thi-tuyen-sinh"},
		{"lương hưu tháng này được bao nhiêu", "luong-huu-bhxh"},
		{"rut bhxh mot lan can gi", "luong-huu-bhxh"},
		{"vay tín chấp ngân hàng cần giấy tờ gì", "vay-ngan-hang"},
		{"nợ xấu có làm căn cước được không", "no-xau-cic"}, // round 62 (a62): bad debt is CIC's channel, not a loan's
		{"cho mình mượn tiền với", "vay-ngan-hang"},
		{"khám nghĩa vụ quân sự năm nay lúc nào", "nghia-vu-quan-su"},
		{"giấy gọi nhập ngũ gửi về đâu", "nghia-vu-quan-su"},
		{"làm sổ đỏ mất bao lâu", "dat-dai-so-do"},
		{"chuyen dat nong nghiep len tho cu", "dat-dai-so-do"},
		{"giấy chứng nhận quyền sử dụng đất bị mất làm lại thế nào", "dat-dai-so-do"},
		// A disputed plot is also a residence question: no permanent residence there.
		{"nhà đang tranh chấp đất có đăng ký thường trú được không", ""},
		{"moi lan dat lich hen lam cccd deu bi huy", ""},
		{"quên mật khẩu VssID", "tai-khoan-ung-dung-khac"},
		{"rut bhxh 1 lan can gi", "luong-huu-bhxh"},
		{"khong dang nhap duoc vssid", "tai-khoan-ung-dung-khac"},
		{"đóng bhyt hộ gia đình trên vssid được không", ""},
		{"mai trời có mưa không", "thoi-tiet"},
		{"du bao thoi tiet ha noi", "thoi-tiet"},
		{"kết quả xổ số miền nam", "xo-so-giai-tri"},
		{"mất thẻ căn cước làm lại ở đâu", ""},
		{"báo số điện thoại lừa đảo cho ai", ""},
		{"mã otp gửi về số cũ", ""},
		{"đăng ký thuế lần đầu trên dịch vụ công", ""},
		{"tải vneid ở đâu", ""},
		// Cues are read through the one-word synonym groups: "không" is also "hok", "k".
		{"nghi viec hok bao truoc co bi phat ko", "viec-lam-luong"},
		{"cty k tra luong 2 thang roi ad oi", "viec-lam-luong"},
	}
	for _, tt := range tests {
		got := ""
		if t := lx.read(tt.msg).offTopic; t != nil {
			got = t.id
		}
		if got != tt.want {
			t.Errorf("offTopic(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

// TestUnmarkedReadings: a neighbouring matter's cue listed in words.yaml unmarked_readings and
// typed without diacritics, or as one of its other readings, names the matter (its channel
// replaces a fallback) but not for sure; typed with its own diacritics, or beside a sure cue,
// it is sure.
func TestUnmarkedReadings(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg     string
		want    string // off-topic id, "" for none
		inStory bool
		doubt   doubt
	}{
		{"lay lai ma 6 so do the nao a", "dat-dai-so-do", false, doubtListed}, // "mã 6 số đó"
		{"ma so do xem o dau", "dat-dai-so-do", false, doubtListed},
		{"lam so do mat bao lau", "dat-dai-so-do", false, doubtNone}, // "làm sổ đỏ" is a cue of its own, not listed
		{"làm sổ đỏ mất bao lâu", "dat-dai-so-do", false, doubtNone},
		{"sổ do xem ở đâu", "dat-dai-so-do", false, doubtNone},                 // partly marked, as the cue's
		{"mã 6 số đó nhập ở đâu", "", false, doubtNone},                        // with diacritics it is not the cue at all
		{"ho so dang kiem tra la sao ad", "dang-kiem-xe", false, doubtListed},  // "sơ đang kiểm"
		{"lam lai the sinh vien bi mat", "the-to-chuc-khac", false, doubtNone}, // not listed: as written
		{"doi mk o dau trong app vay a", "vay-app-online", false, doubtListed},
		{"đổi mật khẩu ở đâu trong app vậy ạ", "", false, doubtNone}, // another reading, typed: no cue
		{"Sao không đăng nhập được app vậy ad", "", false, doubtNone},
		// In a message typed with diacritics, "app vay" (no marks of its own) is as written.
		{"Tôi bị app vay khóa tài khoản VNeID thì báo ai", "vay-app-online", false, doubtNone},
		{"app vay tiền đòi ảnh cccd", "vay-app-online", false, doubtNone}, // the surest cue counts
		// A sure cue asked beats a doubtful one of a matter earlier in offtopic.yaml.
		{"trong app vậy có mục sổ đỏ không", "dat-dai-so-do", false, doubtNone},
		{"Tôi hỏi về vneid. Mã so do ở đâu, vay vốn được không?", "vay-ngan-hang", false, doubtNone},
		// A doubtful cue asked beats a sure one only in the story.
		{"Con tôi đi nghĩa vụ quân sự. Cho hỏi so do ở đâu?", "dat-dai-so-do", false, doubtListed},
		// Only the story names the matter, whatever the reading.
		{"Nhà tôi mới làm sổ đỏ. Cho hỏi đổi thẻ căn cước ở đâu?", "dat-dai-so-do", true, doubtNone},
		{"Nhà tôi mới làm sổ đỏ. Cho hỏi mã so do ở đâu?", "dat-dai-so-do", false, doubtListed},
		// A cue is read between commas and sentence ends: "ko can, vay co" is "không cần, vậy có".
		{"con e 15t chua lam can cuoc, no noi ko can, vay co bat buoc ko", "", false, doubtNone},
		{"con e 15t chua lam can cuoc, no noi ko can. Vay co bat buoc ko", "", false, doubtNone},
		{"con e 15t chua lam can cuoc, can vay tien gap", "vay-ngan-hang", false, doubtListed}, // "vay tiền" inside a piece
		{"em can vay, o dau cho vay", "vay-ngan-hang", false, doubtListed},
	}
	for _, tt := range tests {
		r := lx.read(tt.msg)
		got := ""
		if r.offTopic != nil {
			got = r.offTopic.id
		}
		if got != tt.want || r.offInStory != tt.inStory || r.offDoubt != tt.doubt {
			t.Errorf("read(%q): matter %q, in the story %v, doubt %d; want %q, %v, %d", tt.msg, got, r.offInStory, r.offDoubt, tt.want, tt.inStory, tt.doubt)
		}
	}
}

// TestFocus: greetings and thanks inside a message are removed; in a long message the sentence
// that asks is found (a cue, a question mark, a question ending), else the last sentence.
func TestFocus(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg      string
		whole    string // "" when the message is only small talk
		question string // "" when nothing is weighed apart
		small    string
	}{
		{"xin chào", "", "", "greeting"},
		{"cảm ơn ad nhiều ạ", "nhiều ạ", "", "thanks"},
		{"chào ad, cho em hỏi quên passcode thì làm sao ạ, em cảm ơn", "cho em hỏi quên passcode thì làm sao ạ", "", "greeting"},
		{"Chào bạn. Bố tôi 80 tuổi nằm một chỗ. Ông chưa đổi thẻ. Công an có đến nhà làm thẻ không ạ? Cảm ơn nhiều",
			"bố tôi 80 tuổi nằm một chỗ . ông chưa đổi thẻ . công an có đến nhà làm thẻ không ạ",
			"công an có đến nhà làm thẻ không ạ", "greeting"},
		{"em mới đổi điện thoại. máy cũ bán rồi. giờ vneid bắt xác thực máy cũ thì phải làm gì",
			"em mới đổi điện thoại . máy cũ bán rồi . giờ vneid bắt xác thực máy cũ thì phải làm gì",
			"giờ vneid bắt xác thực máy cũ thì phải làm gì", ""},
		{"e di lam the can cuoc tu thang 3. toi gio van chua co the. e tra cuu o dau dc",
			"e di lam the can cuoc tu thang 3 . toi gio van chua co the . e tra cuu o dau dc",
			"e tra cuu o dau dc", ""},
		{"Tôi ở trọ quận 7. Quê tôi ở Nghệ An. Tôi muốn đổi thẻ căn cước tại nơi đang ở",
			"tôi ở trọ quận 7 . quê tôi ở nghệ an . tôi muốn đổi thẻ căn cước tại nơi đang ở",
			"tôi muốn đổi thẻ căn cước tại nơi đang ở", ""},
		{"Máy tôi là iphone đời đầu. Có cài được vneid không? Nếu không thì làm mức 2 ở đâu?",
			"máy tôi là iphone đời đầu . có cài được vneid không . nếu không thì làm mức 2 ở đâu",
			"có cài được vneid không . nếu không thì làm mức 2 ở đâu", ""},
		{"mất thẻ. làm lại. bao lâu?", "mất thẻ . làm lại . bao lâu", "bao lâu", ""},
		{"tôi lên phường hỏi thì họ bảo chờ. hồ sơ đầu tiên bị trả", "tôi lên phường hỏi thì họ bảo chờ . hồ sơ đầu tiên bị trả", "hồ sơ đầu tiên bị trả", ""},
	}
	for _, tt := range tests {
		r := lx.read(tt.msg)
		if r.focus.whole != tt.whole || r.focus.question != tt.question || r.small != tt.small {
			t.Errorf("read(%q):\n  whole %q\n  question %q, small %q\nwant\n  whole %q\n  question %q, small %q",
				tt.msg, r.focus.whole, r.focus.question, r.small, tt.whole, tt.question, tt.small)
		}
	}
}

// TestAccentAgreement: where both sides carry diacritics they must agree; without diacritics the
// folded forms match.
func TestAccentAgreement(t *testing.T) {
	tests := []struct {
		phrase, msg string
		want        bool
	}{
		{"vé số", "mua vé số", true},
		{"vé số", "gửi về số cũ", false},
		{"vé số", "gui ve so cu", true},
		{"đâu", "lần đầu", false},
		{"đâu", "o dau", true},
		{"ở đâu", "làm ở đâu", true},
		{"ko", "có được ko", true},
		{"làm hộ", "làm họ", false},
		{"làm hộ", "lam ho", true},
		{"làm hộ", "lam hộ", true},
	}
	for _, tt := range tests {
		w := wordsOf(strings.ToLower(tt.msg))
		if got := w.hasAny(phrases([]string{tt.phrase})); got != tt.want {
			t.Errorf("%q in %q = %v, want %v", tt.phrase, tt.msg, got, tt.want)
		}
	}
}

// BenchmarkRead is the reading of a message before any search (redaction, small talk, clauses,
// question cues, every word list of the project's faq/), on a short and a long message.
func BenchmarkRead(b *testing.B) {
	set, _, err := faq.Load("../../faq", time.Now())
	if err != nil || set == nil {
		b.Fatal(err)
	}
	lx := newLexicon(set.Words, set.OffTopic, set.Synonyms.Groups)
	msgs := []string{
		"quen passcode vneid thi lam sao",
		"Chào ad, em mất ví hôm qua ở chợ, trong ví có thẻ căn cước và bằng lái. Giờ em muốn làm lại thẻ căn cước thì phải làm gì ạ? Em cảm ơn nhiều",
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		lx.read(msgs[i%len(msgs)])
		i++
	}
}

// TestNoVietnameseReadAsEnglish: no in-scope question of the project's fixtures, stories or the
// real tuning half (all Vietnamese, many without diacritics and with loanwords such as "update",
// "password", "level") reads as English with the default settings.
func TestNoVietnameseReadAsEnglish(t *testing.T) {
	lx := realLexicon(t)
	e := &Engine{lx: lx, st: DefaultSettings()}
	var files []string
	for _, pattern := range []string{"../../faq/fixtures/*.yaml", "../../faq/fixtures/stories/*.yaml", "../../faq/fixtures/real/tune.yaml"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	n := 0
	for _, f := range files {
		if strings.Contains(filepath.Base(f), "check") {
			continue // never read: it measures what was not tuned
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var items []struct {
			Q    string     `yaml:"q"`
			ID   string     `yaml:"id"`
			Must [][]string `yaml:"must"`
		}
		if err := yaml.Unmarshal(data, &items); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, it := range items {
			if it.ID == "" && len(it.Must) == 0 {
				continue // off topic: an English message may read as English
			}
			n++
			if e.otherLanguage(lx.read(it.Q)) {
				t.Errorf("%s: %q reads as English", filepath.Base(f), it.Q)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("read %d questions, want the project's fixtures (over 1,000)", n)
	}
}

// An entry is about a neighbouring matter only as far as it asks with the cue the message names:
// another cue of the same topic does not make it the answer.
func TestOffTopicCovered(t *testing.T) {
	topic := newOffTopic(faq.OffTopic{ID: "bhxh", Cues: []string{"chốt sổ bhxh", "rút bảo hiểm xã hội một lần", "sổ đỏ", "sổ hồng", "không trả sổ"}},
		faq.NewSpellings([][]string{{"không", "ko", "k"}}), nil)
	en := &faq.Entry{Title: "Trợ cấp thất nghiệp", Questions: []string{"công ty đã chốt sổ bhxh, làm hồ sơ thất nghiệp thế nào", "công ty ko trả sổ"}, Keywords: []string{"sổ hồng"}}
	for _, tc := range []struct {
		msg  string
		want bool
	}{
		{"chốt sổ bhxh xong làm thất nghiệp ở đâu", true},
		{"nghỉ việc rồi muốn rút bảo hiểm xã hội một lần", false},
		{"mang so hong len cong an", true}, // a keyword counts, typed without diacritics too
		{"chưa có sổ đỏ thì sao", false},
		{"thất nghiệp làm sao", false},
		// Another form of the same cue is the same cue: the entry asks with "ko trả sổ".
		{"cty k tra so thi lam that nghiep sao", true},
	} {
		if got := offTopicCovered(&topic, en, wordsOf(textnorm.Normalize(tc.msg))); got != tc.want {
			t.Errorf("offTopicCovered(%q) = %v, want %v", tc.msg, got, tc.want)
		}
	}
}

// A procedure of ours named in a message is asked, unless the message tells it as done: a
// done_before word right before it, or a done_after word within span words after it.
func TestAskedProcedures(t *testing.T) {
	lx := newLexicon(faq.Words{OwnProcedures: []string{"chuyển khẩu", "đăng ký tạm trú"}, DoneBefore: []string{"đã", "vừa", "mới làm"}, DoneAfter: []string{"rồi", "xong"}}, nil, nil)
	for _, tc := range []struct {
		msg  string
		span int
		want []int // procedures asked, by their place in OwnProcedures
	}{
		{"giờ đăng ký tạm trú ở đâu", 6, []int{1}},
		{"thuê được phòng trọ rồi, giờ đăng ký tạm trú ở đâu", 6, []int{1}}, // "rồi" before it tells the story
		{"em đã chuyển khẩu thì đất ở quê còn quyền không", 6, nil},
		{"da chuyen khau thi dat o que con quyen khong", 6, nil}, // without marks too
		{"chuyển khẩu về quê rồi, giờ đất giá bao nhiêu", 6, nil},
		{"đăng ký tạm trú xong thì vay ngân hàng được không", 6, nil},
		// The span's boundary: "rồi" the 6th word after the procedure is within 6, the 7th is not.
		{"chuyển khẩu a b c d e rồi", 6, nil},
		{"chuyển khẩu a b c d e f rồi", 6, []int{0}},
		{"chuyển khẩu a b c d e rồi", 5, []int{0}},
		{"chuyển khẩu xong rồi đăng ký tạm trú ở đâu", 1, []int{1}},
		{"vừa chuyển khẩu về quê, giờ đất ở quê giá bao nhiêu", 6, nil},
		{"mới làm đăng ký tạm trú thì có được vay không", 6, nil}, // a phrase of two words
		// Diacritics: typed with marks, "rời" (to leave) is not "rồi"; typed without, "roi" may be.
		{"chuyển khẩu rời quê lên phố thế nào", 6, []int{0}},
		{"chuyen khau roi thi dat o que the nao", 6, nil},
	} {
		got := lx.askedProcedures(wordsOf(textnorm.Normalize(tc.msg)), tc.span)
		var ks []int
		for k := range got {
			ks = append(ks, lx.ownProc.from[k])
		}
		slices.Sort(ks)
		if !slices.Equal(ks, tc.want) {
			t.Errorf("%q (span %d): asked %v, want %v", tc.msg, tc.span, ks, tc.want)
		}
	}
}

// The part of a message after its last comma, small talk after it set aside: where a message of
// one clause asks.
func TestLastPart(t *testing.T) {
	lx := newLexicon(faq.Words{Thanks: []string{"cảm ơn"}, Stopwords: []string{"ad", "nhé", "ạ"}}, nil, nil)
	for _, tc := range []struct{ text, want string }{
		{"chuyển khẩu về quê, giờ đất ở quê giá bao nhiêu", " giờ đất ở quê giá bao nhiêu"},
		{"mua nhà rồi; giờ nhập hộ khẩu thế nào, cảm ơn ad nhé", " giờ nhập hộ khẩu thế nào"},
		{"nhập hộ khẩu thế nào", "nhập hộ khẩu thế nào"},
		{"cảm ơn, ạ", "cảm ơn"}, // nothing but small talk after the comma: the part before it
	} {
		if got := lx.lastPart(tc.text); got != tc.want {
			t.Errorf("lastPart(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A message typed with marks: at least two marked words, and a third of the words with a letter.
func TestTypedWithMarks(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"", false},
		{"mat the can cuoc", false},
		{"mất the can cuoc", false},                        // one mark: a slip, not a way of typing
		{"mất thẻ", true},                                  // two of two
		{"tôi mất thẻ gia han roi xin hoi ban", true},      // three of nine: the boundary
		{"tôi mất thẻ gia han roi xin hoi ban nhe", false}, // three of ten
		{"mất thẻ 0912 345 678", true},                     // numbers are no words here
	}
	for _, tt := range tests {
		if got := typedWithMarks(wordsOf(textnorm.Normalize(tt.text))); got != tt.want {
			t.Errorf("typedWithMarks(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestBereaved: a relative's death told with the project's word lists (words.yaml bereavement),
// against "mất" as losing, the speaker's own "con", "ông", "bà", and deaths not of a relative.
func TestBereaved(t *testing.T) {
	lx := realLexicon(t)
	tests := []struct {
		msg  string
		want bool
	}{
		{"mẹ tôi vừa mất", true},
		{"bố em mất hôm rằm, giờ làm giấy tờ gì ạ", true},
		{"Mẹ tôi vừa mất, tôi muốn làm khai tử cho mẹ", true},
		{"ông nội tôi qua đời tuần trước, tài khoản vneid của ông xử lý sao", true},
		{"bà tôi mất năm ngoái mà chưa khai tử", true},
		{"ba mất rồi, thẻ của ba có phải nộp lại không", true},
		{"me toi vua mat, lam khai tu o dau", true}, // typed without marks
		{"chồng tôi đột ngột qua đời", true},
		{"bố mẹ tôi mất sớm, tôi ở với bà", true},
		{"mẹ tôi vừa mất ví", false},                  // lost a wallet
		{"mẹ tôi mất thẻ căn cước rồi", false},        // lost a card
		{"căn cước của mẹ mất được 2 hôm rồi", false}, // the mother's card is lost
		{"thẻ của bố tôi mất rồi làm lại ở đâu", false},
		{"the cua me mat roi", false},
		{"con mất thẻ rồi", false},                               // "con" is the speaker
		{"bà mất cái điện thoại có vneid", false},                // "bà" is the speaker
		{"chồng tôi mất việc rồi, có được trợ cấp không", false}, // lost his job
		{"mẹ tôi mất ngủ mấy hôm nay", false},
		// Round 62 (c62): deaths told plainly, and the things owned that die or get lost.
		{"chồng tôi bị tai nạn không qua khỏi, tôi phải báo với ai", true},
		{"vợ tôi không qua khỏi sau ca mổ", true},
		{"mẹ tôi chết do đột quỵ hôm qua", true},
		{"bo toi chet roi, can lam giay gi", true},
		{"bố tôi tử vong vì tai nạn giao thông", true},
		{"mẹ em mất sáng nay ở nhà", true},
		{"ông nội tôi mất tối qua", true},
		{"điện thoại mẹ tôi chết rồi, không vào được vneid", false},
		{"máy bố tôi chết nguồn", false},
		{"thẻ bố tôi mất rồi làm lại ở đâu", false},
		{"làm thẻ cho mẹ tôi mất cả sáng", false},
		// Review rv62c: the sight lost, a bag or wallet owned.
		{"bố tôi bị tai nạn mất sáng một mắt", false},
		{"bo toi bi tai nan mat sang mot mat", false},
		{"túi xách mẹ tôi mất tối qua", false},
		{"bóp ba tôi mất rồi", false},
		{"mẹ tôi mất sáng hôm qua", true},
		{"bố tôi mất trí nhớ, làm căn cước thế nào", false},
		{"người qua đời thì tài khoản vneid xử lý thế nào", false}, // no relative told of
		{"mất mật khẩu vneid", false},
		{"ba tháng rồi chưa có thẻ", false},
		{"nếu bố mẹ mất thì con cái làm giấy tờ gì", false}, // supposed, not told
		{"giả sử chồng tôi mất thì tài khoản vneid xử lý sao", false},
		// A count of time after "mất" tells when (round 49, usability test 13 #4); a sum does not.
		{"Chồng tôi mất 2 tháng, điện thoại vẫn đăng nhập VNeID", true},
		{"bố em mất ba năm rồi mà vneid của bố vẫn còn", true},
		{"me toi mat 3 thang roi", true},
		{"mẹ tôi mất 2 triệu vì bị lừa cài app giả", false},
		{"bố tôi mất 200 nghìn tiền phí", false},
		// Review r49: a count of time followed by more tells time spent, and "mấy ngày" asks how long.
		{"bố tôi mất 3 tháng mới làm được thẻ căn cước", false},
		{"mẹ em mất 2 tuần mới kích hoạt được vneid", false},
		{"bo toi mat 3 thang moi co the", false},
		{"làm thẻ cho mẹ tôi mất mấy ngày", false},
		{"mẹ tôi mất 2 năm nay, tài khoản vneid của mẹ thế nào", true},
		{"bố tôi mất 3 tháng trước", true},
		{"bố mất mấy tháng rồi thì tài khoản định danh của bố có phải xóa không", true},
		// Review rv57a: "được", "đc" (since) lead to the time since the death, and tell one only before one of
		// after; time spent ("mới xong") and the passive ("mất được cấp lại") are no deaths.
		{"bà nội em mất đc 2 tháng rồi", true},
		{"ong noi e mat dc 3 thang roi, tai khoan vneid cua ong co tu khoa khong", true},
		{"bố em mất được một năm rồi", true},
		{"mẹ em mất đc 100 ngày rồi", true},
		{"bố em mất đc 2 tháng, số điện thoại của bố vẫn dùng", true},
		{"làm thẻ cho bà em mất được 2 tháng mới xong", false},
		{"lam the cho ba em mat dc 2 thang moi xong", false},
		{"bố em mất được 49 ngày mới có thẻ", false},
		{"cccd bố em mất đc cấp lại ko", false},
		{"the can cuoc me e mat dc lam lai online ko", false},
		// Round 58: an approximate count (words.yaml about) is read as the count it qualifies; a
		// number the count list does not hold counts right after "mất" too.
		{"ông em mất khoảng 3 tháng nay, cắt khẩu thế nào", true},
		{"bố em mất gần 1 năm rồi, tài khoản vneid của bố có tự khóa không", true},
		{"me toi mat hon 2 nam roi", true},
		{"bà nội mất được gần 2 tháng, số điện thoại của bà có dùng tiếp được không", true},
		{"mẹ tôi mất 49 ngày rồi", true},
		{"làm thẻ cho mẹ tôi mất hơn 2 tháng mới xong", false},
		{"lam the cho me e mat gan 2 thang moi co", false},
		{"bố tôi mất khoảng 3 triệu vì cài app giả", false},
		{"mẹ tôi mất 200 nghìn tiền phí", false},
		{"làm cho bố em mất tầm 1 tuần mới được duyệt mức 2", false},
	}
	for _, tt := range tests {
		if got := lx.read(tt.msg).bereaved; got != tt.want {
			t.Errorf("read(%q).bereaved = %v, want %v", tt.msg, got, tt.want)
		}
	}
}

// TestAsksProcedureApart: one of our procedures asked in a piece between commas of its own, the
// neighbour's matter told in pieces that ask nothing, is what the message asks; a piece that asks
// and names the matter, or a procedure told as done, is not.
func TestAsksProcedureApart(t *testing.T) {
	lx := realLexicon(t)
	var traffic *offTopic
	for i := range lx.offTopic {
		if wordsOf("vượt đèn đỏ").hasAny(lx.offTopic[i].cues) {
			traffic = &lx.offTopic[i]
		}
	}
	if traffic == nil {
		t.Fatal("no off-topic matter has the cue 'vượt đèn đỏ'")
	}
	tests := []struct {
		text string
		want bool
	}{
		{"cho hỏi nộp phạt nguội trên vneid thế nào, em bị phạt vượt đèn đỏ ở hà nội", true},
		{"nop phat tren vneid kieu gi, e bi phat vuot den do", true},
		{"em bị phạt vượt đèn đỏ, giờ nộp phạt ở đâu", true},
		{"vượt đèn đỏ phạt bao nhiêu, nộp phạt ở đâu", false}, // the matter is asked too
		{"em đã nộp phạt rồi, vượt đèn đỏ thì bị trừ mấy điểm", false},
		{"em bị phạt vượt đèn đỏ ở hà nội", false},
	}
	for _, tt := range tests {
		if got := len(lx.asksProcedureApart(tt.text, traffic, DefaultSettings().DoneSpan)) > 0; got != tt.want {
			t.Errorf("asksProcedureApart(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
