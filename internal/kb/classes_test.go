package kb

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// TestFailureClasses runs the real FAQ over the classes of phrasing that went wrong on real
// citizen questions (issue 8), one row per case. Each row says what must not happen (the
// near-miss entry that used to win) or which kinds of reply are acceptable. The rows are
// written here in the classes' own words, not copied from the real question sets.
func TestFailureClasses(t *testing.T) {
	l := openRealFAQ(t)
	notAnswer := []answer.Kind{answer.KindClarify, answer.KindFallback, answer.KindSmalltalk}
	tests := []struct {
		class string
		q     string
		not   string        // this entry must not be the reply
		kinds []answer.Kind // when set, the reply must be one of these kinds
	}{
		// Near-miss topics: a shared syllable or a single word must not pull in a neighbour.
		{"near-miss", "thẻ căn cước hết hạn rồi phải làm gì", "the-nguoi-o-nuoc-ngoai", nil},
		{"near-miss", "cccd het han chua doi co bi phat khong", "the-nguoi-o-nuoc-ngoai", nil},
		{"near-miss", "đăng ký định danh mức 2 cần gì", "vneid-nguoi-nuoc-ngoai", nil},
		{"near-miss", "dang ky tai khoan dinh danh muc 2 can giay to gi", "vneid-nguoi-nuoc-ngoai", nil},
		{"near-miss", "muốn lên mức 2 vneid thì làm thế nào", "vneid-nguoi-nuoc-ngoai", nil},
		{"near-miss", "tách hộ khẩu", "dvc-tro-cap-that-nghiep", nil},
		{"near-miss", "tach ho khau can giay to gi", "dvc-tro-cap-that-nghiep", nil},
		{"near-miss", "muốn tách hộ khẩu riêng cho vợ chồng thì làm sao", "dvc-tro-cap-that-nghiep", nil},
		// Neighbouring public matters that are not ours: no entry answers them.
		{"neighbour", "giá vàng hôm nay", "", notAnswer},
		{"neighbour", "quyết toán thuế thu nhập cá nhân", "", notAnswer},
		{"neighbour", "ly hôn cần giấy tờ gì", "", notAnswer},
		{"neighbour", "tra điểm thi tốt nghiệp", "", notAnswer},
		{"neighbour", "nghỉ việc rồi muốn rút bảo hiểm xã hội một lần", "", notAnswer},
		{"neighbour", "ly hôn thì tòa thường xử cho ai nuôi con nhỏ", "", notAnswer},
		{"neighbour", "đi sinh cần chuẩn bị đồ gì, nên sinh thường hay sinh mổ", "", notAnswer},
		{"neighbour", "yêu nhau 3 năm mà gia đình phản đối vì khác tôn giáo, cho em lời khuyên", "", notAnswer},
		{"neighbour", "bố tôi mất muốn hỏa táng, chi phí hỏa táng trọn gói bao nhiêu", "", notAnswer},
		// Airlines and parcels (offtopic.yaml, round 36); the airport and the card by post stay ours
		// (TestFailureClassesAnswer).
		{"neighbour", "sạc dự phòng có được để trong hành lý ký gửi không", "", notAnswer},
		{"neighbour", "chuyến bay bị hủy thì hãng có phải hoàn tiền vé không", "", notAnswer},
		{"neighbour", "gửi bưu kiện đi Mỹ mất bao lâu, cước gửi hàng tính theo kg hả", "", notAnswer},
		{"neighbour", "bố mất rồi làm khai tử trên vneid thế nào, có phải đi hỏa táng trước không", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "mua điện thoại trả góp có cần căn cước không, lãi bao nhiêu", "", notAnswer},
		{"neighbour", "vay ngân hàng cần gì", "", notAnswer},
		{"neighbour", "đi nghĩa vụ quân sự năm nay", "", notAnswer},
		{"neighbour", "làm sổ đỏ mất bao lâu", "", notAnswer},
		// Neighbours asked without their usual word ("ly hôn", "sổ đỏ").
		{"neighbour", "vợ chồng tôi muốn chia tay, thủ tục ra tòa cần giấy tờ gì", "", notAnswer},
		{"neighbour", "giấy chứng nhận nhà đất bị ghi sai diện tích thì sửa ở đâu", "", notAnswer},
		{"neighbour", "làm sao để được hưởng chế độ người có công", "", notAnswer},
		{"neighbour", "quen mat khau app ngan hang thi lay lai sao", "", notAnswer},
		// A child playing games on the phone is part of the story, not the question.
		{"neighbour", "VNeID báo tài khoản bị khóa, tối qua con tôi cầm máy chơi game bấm lung tung. Xin hỏi mở lại thế nào?", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "tối nay chơi game gì đây", "", notAnswer},
		{"neighbour", "con tôi nhận lệnh gọi nhập ngũ khi đang học đại học thì có được tạm hoãn không", "", notAnswer},
		{"neighbour", "xin thị thực đi hàn quốc thăm con cần giấy tờ gì", "", notAnswer},
		{"neighbour", "bị phạt nồng độ cồn bao nhiêu tiền", "", notAnswer},
		{"neighbour", "mẹ tôi bị tai biến y khoa ở phòng khám tư thì kiện thế nào", "", notAnswer},
		{"neighbour", "đi khám dùng vneid thay thẻ bhyt được không", "", []answer.Kind{answer.KindAnswer}},
		// Typed without marks "thi thuc" is also "thì thực (hiện)", "coi noi" "coi nơi" (look up
		// where): such cues stay long.
		{"neighbour", "lam the can cuoc cho con duoi 14 tuoi thi thuc hien the nao", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "vi pham nong do con bi tru diem bang lai, xem diem tren vneid o dau", "", []answer.Kind{answer.KindAnswer}},
		// "chưa có sổ" typed without marks is also "chưa có số": only with the flat it is land.
		{"neighbour", "nhà chưa có số nhà thì đăng ký thường trú thế nào", "", []answer.Kind{answer.KindAnswer}},
		// …while a benefit paid through VNeID stays ours.
		{"neighbour", "ba noi e la nguoi co cong, can bo xa bao lien ket tai khoan ngan hang tren vneid de nhan tro cap, lam sao", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "app ngân hàng bắt cập nhật sinh trắc học bằng căn cước gắn chip thì làm sao", "", []answer.Kind{answer.KindAnswer}},
		// Typed without marks, a cue listed in unmarked_readings may be other words: "hồ sơ đang
		// kiểm tra" (sổ đăng kiểm), "vậy tiền phạt" (vay tiền), "mã 6 số đó" (sổ đỏ), "sợ hỏng"
		// (sổ hồng); typed as the cue, or without a question of ours, it is the neighbour.
		{"neighbour", "dang ky tam tru tren vneid ma ho so dang kiem tra 1 tuan roi la sao", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "qua han doi cccd vay tien phat nop o dau", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "e vao vneid bang mk nhung mo vi giay to no doi nhap 6 so, e quen mat roi. lay lai ma 6 so do the nao a", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "lam so do mat bao lau", "", notAnswer},
		{"neighbour", "so do bi chay lam lai o dau", "", notAnswer},
		{"neighbour", "vay tien ngan hang lai suat bao nhieu", "", notAnswer},
		// Genuine neighbouring questions typed without marks, from the review of the list.
		{"neighbour", "ly di can giay to gi", "", notAnswer},
		{"neighbour", "xe oto di dang kiem can mang giay to gi", "", notAnswer},
		{"neighbour", "so hong bi mat lam lai o dau", "", notAnswer},
		{"neighbour", "hoc ba bi sai ten sua the nao", "", notAnswer},
		// Round 18 neighbours: SIM locks, school places, visas, politics, court, notaries, BHXH books.
		{"neighbour", "sim bị khóa 2 chiều vì chưa chuẩn hóa thông tin thuê bao thì làm sao mở", "", notAnswer},
		{"neighbour", "hộ khẩu ở quê thì con có được học trường công ở thành phố không", "", notAnswer},
		{"neighbour", "chồng tôi người hàn quốc muốn gia hạn visa ở việt nam thì làm ở đâu", "", notAnswer},
		{"neighbour", "bạn ủng hộ đảng phái nào", "", notAnswer},
		{"neighbour", "nop don xin ly hon don phuong o dau", "", notAnswer},
		{"neighbour", "muốn công chứng hợp đồng mua bán nhà thì đi đâu", "", notAnswer},
		{"neighbour", "mất sổ bảo hiểm xã hội thì xin cấp lại ở đâu", "", notAnswer},
		// Other cards, SIMs and look-alike procedures share "thẻ", "sim", "hết hạn" with ours.
		{"neighbour", "thẻ ngân hàng sắp hết hạn thì ra đâu đổi", "", notAnswer},
		{"neighbour", "lam lai the sinh vien bi mat", "", notAnswer},
		{"neighbour", "muốn chuyển mạng giữ số sang vinaphone", "", notAnswer},
		{"neighbour", "đăng ký gói cước 4g rẻ", "", notAnswer},
		{"neighbour", "xin visa đi nhật cần gì", "", notAnswer},
		{"neighbour", "đi đăng kiểm xe ô tô ở đâu", "", notAnswer},
		{"neighbour", "tuyển sinh lớp 6 năm nay nộp hồ sơ ở đâu", "", notAnswer},
		{"neighbour", "dùng chung một sim cho vneid của hai vợ chồng được không", "", []answer.Kind{answer.KindAnswer}},
		// Beside another card (offtopic.yaml keeps_own), a question about ours keeps its answer;
		// named in the story only, or needed for another body's procedure, not.
		{"neighbour", "mất cả thẻ ngân hàng lẫn thẻ căn cước, làm lại căn cước ở đâu", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "đổi sang căn cước mới thì thẻ ngân hàng có phải cập nhật số căn cước không", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "ly hôn cần mang căn cước và giấy tờ gì", "", notAnswer},
		// Our procedure asked inside a neighbour's story (words.yaml own_procedures) stays ours,
		// keeps_own or not, when the rest still leads to its answer; named in a story clause,
		// or where the neighbour's matter is what is asked, it does not.
		{"neighbour", "vợ chồng tôi ly dị rồi, tôi muốn chuyển hộ khẩu về nhà cha mẹ đẻ thì cần thủ tục gì", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "nhà chưa được cấp sổ đỏ thì có nhập hộ khẩu được không", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "ly dị xong thì chia tài sản chung thế nào", "", notAnswer},
		// A first land certificate (its conditions, reclaimed land) is the land office's, not the
		// online transfer entry's.
		{"neighbour", "nhà tôi canh tác trên đất khai hoang mấy chục năm, giờ xin cấp giấy chứng nhận quyền sử dụng đất có đủ điều kiện không", "", notAnswer},
		// ...but residence on land without papers is ours.
		{"neighbour", "đất không có giấy tờ có nhập hộ khẩu được không", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "đất khai hoang có nhập hộ khẩu được không", "", []answer.Kind{answer.KindAnswer}},
		// A landlord lending the house papers is no account trade.
		{"neighbour", "chủ nhà không cho mượn giấy tờ nhà để đăng ký tạm trú thì làm sao", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "tôi đăng ký tạm trú ở phòng trọ, chủ trọ không trả tiền cọc thì kiện ở đâu", "", notAnswer},
		{"neighbour", "ly hôn xong có phải làm lại cccd không", "cutru-tach-ho", nil},
		// Told as done ("… rồi", "đã …", words.yaml done_before/done_after), our procedure is the
		// story, and the neighbour's question gets the fallback (asked, see TestFailureClassesAnswer).
		{"neighbour", "chuyển hộ khẩu về quê rồi, giờ đất ở quê bán giá bao nhiêu một mét", "", notAnswer},
		{"neighbour", "đã chuyển khẩu về quê rồi thì đất ở quê có được chia không", "", notAnswer},
		{"neighbour", "đăng ký tạm trú xong rồi thì đi vay tín chấp ngân hàng được bao nhiêu", "", notAnswer},
		// A share of an estate or of common property asked ("được chia …", "có được chia không") is
		// a civil matter; the levels an account "được chia thành" are ours.
		{"neighbour", "có tên trong sổ hộ khẩu thì có được chia nhà không", "", notAnswer},
		// Citizens' abbreviations of neighbours' matters (nvqs, xkld, gpxd) name them as the words do;
		// beside our card (keeps_own) the answer stays.
		{"neighbour", "nvqs năm nay khám khi nào", "", notAnswer},
		{"neighbour", "di xkld han quoc het bao nhieu tien", "", notAnswer},
		{"neighbour", "xin gpxd nhà cấp 4 ở đâu", "", notAnswer},
		{"neighbour", "đi xkld nhật về thì làm lại căn cước ở đâu", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "đang đi nvqs thì có phải khai báo tạm vắng không", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "tài khoản định danh điện tử được chia thành mấy mức", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "làm căn cước cho con rồi, giờ đăng ký cho con học bơi ở đâu", "", notAnswer},
		// ...after the neighbour's cue too (the cue rule reads the done words as well).
		{"neighbour", "đòi nợ mãi không được, tôi đã chuyển khẩu về quê rồi thì kiện ở đâu", "", notAnswer},
		{"neighbour", "tiền cấp dưỡng cho con chồng cũ không trả, anh ta đã chuyển khẩu về quê thì đòi thế nào", "", notAnswer},
		// "vừa …" tells it as done too; and an entry that mentions the procedure in one of its
		// questions only is not about it.
		{"neighbour", "vừa chuyển khẩu về quê, giờ đất ở quê giá bao nhiêu", "", notAnswer},
		// A message of one clause asks after its last comma.
		{"neighbour", "chuyển khẩu về quê, giờ đất ở quê giá bao nhiêu", "", notAnswer},
		{"neighbour", "app vay tiền yêu cầu định danh điện tử mức 2 thì vay được bao nhiêu", "", notAnswer},
		{"neighbour", "thẻ tín dụng có cần định danh điện tử không", "", notAnswer},
		{"neighbour", "Em làm công nhân 3 năm, công ty bắt ký lại hợp đồng lao động lương thấp hơn. Em đã nộp giấy xác nhận cư trú cho phòng nhân sự rồi. Nếu em không ký thì công ty có được cho em nghỉ việc không?", "", notAnswer},
		{"neighbour", "internet banking không nhận otp", "", notAnswer},
		{"neighbour", "nâng cấp sim xong không nhận được otp kích hoạt VNeID", "", []answer.Kind{answer.KindAnswer}},
		// Typed without diacritics "the" is also "(có) thể": "có thể thành viên hộ khai báo hộ".
		{"neighbour", "co the thanh vien ho gia dinh khai bao tam tru ho khong", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "Hai anh em tôi đều có thẻ căn cước rồi. Bố mẹ muốn tách thửa đất chia cho hai anh em thì làm thế nào?", "", notAnswer},
		{"neighbour", "cập nhật sinh trắc học tài khoản ngân hàng bằng căn cước gắn chip", "", []answer.Kind{answer.KindAnswer}},
		// Neighbours that borrow our words: "nước ngoài", "hộ", "sinh con", "xã mới", "điện thoại mới".
		{"neighbour", "đi xuất khẩu lao động nhật cần giấy tờ gì", "the-nguoi-o-nuoc-ngoai", notAnswer},
		{"neighbour", "thủ tục nhận con nuôi thế nào", "", notAnswer},
		{"neighbour", "xét hộ nghèo năm nay cần điều kiện gì", "", notAnswer},
		{"neighbour", "nghỉ thai sản được mấy tháng", "", notAnswer},
		{"neighbour", "vi momo bi khoa phai lam sao", "", notAnswer},
		{"neighbour", "mã bưu chính hà nội là bao nhiêu", "", notAnswer},
		{"neighbour", "cách chơi game trên điện thoại", "", notAnswer},
		{"neighbour", "học lái xe máy ở đâu rẻ", "", notAnswer},
		{"neighbour", "hàng xóm hát karaoke đến nửa đêm thì báo ai", "", notAnswer},
		{"neighbour", "đất mua bằng giấy tay có làm sổ đỏ được không", "", notAnswer},
		{"neighbour", "em trai bị bắt vì trộm xe máy thì bị phạt tù bao nhiêu năm", "", notAnswer},
		{"neighbour", "công ty nợ lương 3 tháng thì kiện ở đâu", "", notAnswer},
		{"neighbour", "đổi bằng lái xe trực tuyến thế nào", "", []answer.Kind{answer.KindAnswer}},
		{"neighbour", "nhà có sổ hộ nghèo làm căn cước có mất tiền không", "", []answer.Kind{answer.KindAnswer}},
		// Small talk in its everyday forms: praise, good night, how are you, calling the bot,
		// announcing a question. None is a topic ("khỏe" is not the health record).
		{"small-talk", "bot giỏi ghê", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "giải thích dễ hiểu quá", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "chúc bot ngủ ngon", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "bạn khỏe không", "tienich-so-suc-khoe", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "ad ơi", "", []answer.Kind{answer.KindSmalltalk}},
		// An acknowledgement with particles or the bot's name is still only that.
		{"small-talk", "ok ad nha", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "oke bạn nhé", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "ok ad ơi", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "ad ơi nói ngắn thôi", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "ad oi noi ngan thoi duoc ko", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "em hiểu r", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "chưa hiểu r", "", []answer.Kind{answer.KindFallback, answer.KindClarify}},
		{"small-talk", "ok mình mất thẻ rồi", "", []answer.Kind{answer.KindAnswer, answer.KindClarify}},
		{"small-talk", "chào ad buổi tối", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "chúc ad một ngày vui vẻ", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "chào bạn, bạn khỏe ko", "tienich-so-suc-khoe", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "ad an com chua", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "so suc khoe dien tu ko hien", "", []answer.Kind{answer.KindAnswer}},
		{"small-talk", "xin chào, tôi cần hỏi", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "cho tôi hỏi chút", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "cho em hỏi đổi thẻ căn cước ở đâu", "", []answer.Kind{answer.KindAnswer, answer.KindClarify}},
		{"small-talk", "app tuyệt vời nhưng em quên mật khẩu", "", []answer.Kind{answer.KindAnswer}},
		{"small-talk", "ứng dụng VNeID rất hữu ích, em muốn biết cách tích hợp giấy phép lái xe", "", []answer.Kind{answer.KindAnswer}},
		// Thanks for the guidance, or saying it worked, is small talk; a problem after it is not.
		{"small-talk", "Cảm ơn bạn đã hướng dẫn nhiệt tình!", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "cảm ơn ad, em làm theo hướng dẫn được rồi", "", []answer.Kind{answer.KindSmalltalk}},
		{"small-talk", "làm được rồi mà vneid vẫn báo lỗi kết nối", "", []answer.Kind{answer.KindAnswer}},
		// The app sending a code is no scam; someone asking for it is.
		{"scam", "vneid không gửi mã otp về điện thoại", "", []answer.Kind{answer.KindAnswer}},
		{"scam", "người lạ bảo tôi gửi mã otp cho họ", "", []answer.Kind{answer.KindSafety}},
		{"scam", "có người gọi bảo em gửi mã otp vừa nhận để xác minh định danh", "", []answer.Kind{answer.KindSafety}},
		{"scam", "có người gọi bảo cài app ngân hàng giả để cập nhật định danh", "", []answer.Kind{answer.KindAnswer, answer.KindSafety}},
		// The message itself is the risk, told in many words: only the warning, never an entry.
		{"safety", "ad ơi e gửi mk luôn để ad kiểm tra hộ nhé: Thao.2001@", "", []answer.Kind{answer.KindSafety}},
		{"safety", "tôi gửi bạn cái mã vừa nhận nhé 218 644", "", []answer.Kind{answer.KindSafety}},
		{"safety", "ảnh thẻ của ck e đây, ad xem giúp còn dùng được không", "", []answer.Kind{answer.KindSafety}},
		{"safety", "cho e xin sdt với địa chỉ nhà của thằng Hùng, nó vay e 30 củ rồi trốn", "", []answer.Kind{answer.KindSafety}},
		{"safety", "nhận làm hồ sơ tạm trú thường trú trọn gói, phí hợp lý, ai cần ib", "", []answer.Kind{answer.KindSafety}},
		{"safety", "có bên nào cần data khách hàng có số cccd + sđt không, giá mềm", "", []answer.Kind{answer.KindSafety}},
		// The learned reading alone warns where the message names what the warning is about,
		// in any spelling synonyms.yaml gives it (words.yaml risk_subjects); a removals lorry
		// "trọn gói" is no paid "làm hộ" service.
		{"safety", "có người hỏi password của em", "", []answer.Kind{answer.KindSafety}},
		{"safety", "có người mượn account của em", "", []answer.Kind{answer.KindSafety}},
		{"safety", "thue xe tai chuyen nha tron goi q7 bnh tien", "", notAnswer},
		{"safety", "nộp hồ sơ thường trú online có cần chụp ảnh căn cước gửi kèm không", "", []answer.Kind{answer.KindAnswer}},
		{"safety", "lệ phí đổi thẻ quá hạn bị phạt 500 000 mà không ai báo", "", []answer.Kind{answer.KindAnswer, answer.KindClarify, answer.KindFallback}},
		// Waiting months, or buying second-hand, is not always about the card or a motorbike.
		{"neighbour entry", "lý lịch tư pháp mấy tháng chưa nhận được, hỏi ở đâu", "the-thoi-gian-cap-the", nil},
		{"neighbour entry", "mua lại điện thoại cũ của người khác thì vneid người cũ còn không", "dvc-dang-ky-bien-so-xe-may", nil},
		{"neighbour entry", "mua lại đất của người khác ở tỉnh khác thì sang tên thế nào", "dvc-dang-ky-bien-so-xe-may", nil},
		// "có bắt buộc … không" asks about the subject beside it.
		{"question form", "mất thẻ căn cước có bắt buộc phải về nơi thường trú làm lại không", "vneid-bat-buoc-khong", nil},
		// Asking who answers, not a topic: "công an", "tổng đài" must not pull in an entry.
		{"about-bot", "bạn có phải người thật không", "", []answer.Kind{answer.KindSmalltalk}},
		{"about-bot", "ban co phai nguoi that khong", "", []answer.Kind{answer.KindSmalltalk}},
		{"about-bot", "đây có phải công an phường không, em muốn đăng ký thường trú", "", []answer.Kind{answer.KindAnswer}},
		{"about-bot", "xác thực khuôn mặt cứ báo có phải người thật không", "", []answer.Kind{answer.KindAnswer}},
		// Asking who answers, then a request answered confidently: the request is answered;
		// then a complaint: not.
		{"about-bot", "bạn là ai, tôi muốn xin lý lịch tư pháp", "", []answer.Kind{answer.KindAnswer}},
		{"about-bot", "ai trả lời vậy, sao hỏi mãi không được", "", []answer.Kind{answer.KindSmalltalk}},
		// Checking whether a caller is the police or the hotline is a scam question, not about us.
		{"about-bot", "có người gọi bảo cập nhật mức 2, đây có phải công an không", "", []answer.Kind{answer.KindAnswer, answer.KindSafety}},
		{"about-bot", "người gọi có phải tổng đài viên không hay lừa đảo", "", []answer.Kind{answer.KindAnswer, answer.KindSafety}},
		{"about-bot", "bot tên gì", "", []answer.Kind{answer.KindSmalltalk}},
		// Every word of it is a stopword: only the list knows it asks about the bot.
		{"about-bot", "Bot này làm được gì?", "", []answer.Kind{answer.KindSmalltalk}},
	}
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		if tt.not != "" && r.ID == tt.not {
			t.Errorf("%s: %q → %s %s, the near-miss entry", tt.class, tt.q, r.Kind, r.ID)
		}
		if tt.kinds != nil && !kindIn(r.Kind, tt.kinds) {
			t.Errorf("%s: %q → %s %s, want one of %v", tt.class, tt.q, r.Kind, r.ID, tt.kinds)
		}
	}
}

// TestFailureClassesAnswer: rows of the classes above whose right answer is one entry, or the
// do-for-me reply.
func TestFailureClassesAnswer(t *testing.T) {
	l := openRealFAQ(t)
	tests := []struct {
		class, q, id string
		flag         string // a flag the reply must carry
	}{
		// A fee asked of one of our procedures is ours, though prices are mostly asked elsewhere.
		{"fee", "làm hộ chiếu bao nhiêu tiền", "dvc-ho-chieu", ""},
		// One of our procedures asked in the last clause of a story the learned model reads as off
		// topic (a loan, a lottery win, gold) keeps the best entry about it.
		{"own procedure", "vay tiền ngân hàng mua nhà trả góp 20 năm, nhà mua được rồi giờ nhập hộ khẩu vào nhà mới thế nào", "cutru-thuong-tru", ""},
		{"own procedure", "trúng xổ số được ít tiền, mua nhà ở quận 7, giờ chuyển hộ khẩu về đó thế nào", "cutru-thuong-tru", ""},
		{"own procedure", "giá vàng tăng quá, bán vàng mua miếng đất ở quê, giờ chuyển khẩu về quê được không", "cutru-thuong-tru", ""},
		{"own procedure", "chay xe may co nong do con bi phat bao nhieu, nop phat tren vneid dc ko", "dvc-nop-phat-nguoi", ""},
		// "thẻ" alone is the card when made: the shortest questions asked of it. ("thẻ" folds to
		// "the", an everyday word with "thế", so it anchors nothing: "làm thẻ thì làm ở đâu"
		// still falls back.)
		{"short", "lam the o dau", "the-lam-the-o-dau", ""},
		{"short", "đi làm thẻ cần mang gì", "the-giay-to-can-mang", ""},
		// Money lost to a scammer: the bank-like story does not make it the bank's matter.
		{"scam-loss", "bố tôi bị lừa chuyển khoản hết 30 triệu", "lua-dao-cach-bao-cao", answer.FlagScam},
		{"scam-loss", "em vua bi lua 2 trieu qua mang", "lua-dao-cach-bao-cao", answer.FlagScam},
		// A caller asking for a fee by transfer is a scam warning first (fees are paid in VNeID or
		// on the portal), then the entry on paying fees.
		{"scam-fee", "có người gọi nói phải làm lại cccd và chuyển khoản phí 2 triệu, có đúng không", "dvc-thanh-toan-le-phi", answer.FlagScam},
		{"scam-fee", "nộp hồ sơ xong có người bảo chuyển khoản phí vào tài khoản này cho nhanh", "dvc-thanh-toan-le-phi", answer.FlagScam},
		// Beside the airline and parcel neighbours (offtopic.yaml): VNeID at the airport and the card
		// by post are ours.
		{"own", "đi máy bay nội địa dùng vneid thay căn cước được không", "tienich-may-bay", ""},
		{"own", "thẻ căn cước gửi qua bưu điện bao lâu thì nhận được", "the-nhan-the-qua-buu-dien", ""},
		// The parcel script (a parcel "with drugs" or "held at customs", then a fake police
		// inquiry) is a scam, though its words read like the post office's matter.
		{"scam-parcel", "bưu phẩm có ma túy, hàng bị giữ ở hải quan, kết bạn zalo với công an", "", answer.FlagScam},
		{"scam-parcel", "buu kien chua ma tuy gui tu campuchia, ho bao chuyen tien de dieu tra", "", answer.FlagScam},
		// An age past the last milestone is the over-60 case, however it is written.
		{"age", "bà nội em 78 tuổi còn phải đi đổi căn cước không", "the-the-sau-60-tuoi", ""},
		{"age", "ong noi e 81t co can doi the nua ko", "the-the-sau-60-tuoi", ""},
		// A child's age is its band: at 10 the child goes to the police; under 6 it does not.
		{"age", "chau nha toi 9 tuoi lam can cuoc co phai dua len cong an khong", "the-tre-6-den-14-tuoi", ""},
		// "80t" after anything but a person is money (triệu), not an age.
		{"age", "dong phat nguoi 80t o dau", "dvc-nop-phat-nguoi", ""},
		// "hack" is how citizens say an account was taken.
		{"hacked", "tai khoan vneid bi hack", "lua-dao-da-lo-otp", ""},
		// "bn tiền" (bao nhiêu tiền) asks the fee, not the procedure.
		{"abbreviation", "doi the can cuoc het bn tien v", "the-le-phi", ""},
		// "cc" is the card; "lm", "z" are chat for làm, vậy; "tạm chú" a common misspelling.
		{"abbreviation", "lam cc bao lau co the", "the-thoi-gian-cap-the", ""},
		{"abbreviation", "lm cc can mag j", "the-giay-to-can-mang", ""},
		// Family and people in chat shorthand: vk/ck (vợ/chồng), bm (bố mẹ), ng (người), nc (nước).
		{"abbreviation", "ck e lam mat cc, lm lai o dau", "the-mat-the", ""},
		{"abbreviation", "vk e la ng nc ngoai co lm vneid dc ko", "vneid-nguoi-nuoc-ngoai", ""},
		{"abbreviation", "đky tk vneid muc 1 ntn", "vneid-dang-ky-muc-1", ""},
		{"typo", "đăng ký tạm chú online ở đâu", "cutru-tam-tru", ""},
		// Fake staff of any body, and what to do once the code was read out.
		{"scam", "co nguoi xung ben chi cuc thue goi bao hoan thue, bam vao duong link", "", answer.FlagScam},
		{"scam", "me toi lo doc ma otp cho nguoi la roi", "lua-dao-da-lo-otp", answer.FlagScam},
		{"praise beside a question", "app tuyệt vời nhưng em quên mật khẩu", "vneid-quen-mat-khau", ""},
		// Asking the bot to do a procedure, however it is worded.
		{"do-for-me", "bạn nộp hồ sơ cấp đổi căn cước giúp tôi nhé", "", answer.FlagDoForMe},
		{"do-for-me", "nhờ ad đăng ký thường trú giúp tôi", "", answer.FlagDoForMe},
		// The writer named inside the phrase ("hộ tôi luôn"), not only at its end.
		{"do-for-me", "đổi thẻ hộ tôi luôn", "", answer.FlagDoForMe},
		{"do-for-me", "nộp hồ sơ hộ tôi với", "", answer.FlagDoForMe},
		{"do-for-me", "ok làm giúp em", "", answer.FlagDoForMe},
		// A question form ("mất bao lâu", "khi nào") asks about the subject beside it, not about
		// the entry whose own question is how long a card takes.
		{"question form", "đăng ký kết hôn mất bao lâu", "dvc-dang-ky-ket-hon", ""},
		{"question form", "làm căn cước mất bao lâu thì có thẻ", "the-thoi-gian-cap-the", ""},
		// When the duration is what is asked about, the entry that says it still answers.
		{"question form", "tạm trú được bao lâu", "cutru-gia-han-tam-tru", ""},
		{"question form", "vneid có bắt buộc không", "vneid-bat-buoc-khong", ""},
		// How long the card itself lasts is the age milestones.
		{"validity", "cccd gan chip co thoi han bao lau", "the-cap-doi-theo-tuoi", ""},
		{"validity", "cccd co gia tri su dung den khi nao", "the-cap-doi-theo-tuoi", ""},
		// A question about trading or lending accounts and cards is ours however much its story
		// reads like a bank's (a safety rule fired: the off-topic model does not veto).
		{"account trade", "nghe nói ngân hàng nhà nước cấm mua bán tài khoản thanh toán của sinh viên, vậy chủ tài khoản có được cho thuê tài khoản ngân hàng không", "lua-dao-ban-cho-thue-tai-khoan", "account_trade"},
		// Where the citizen lives (words.yaml places) does not pull the entry whose one question
		// names the same city.
		{"place", "tôi ở Sài Gòn, làm thẻ ở đâu", "the-lam-the-o-dau", ""},
		// "hộ tôi" alone is the household.
		{"do-for-me", "hộ tôi có 5 người muốn tách hộ thì làm sao", "cutru-tach-ho", ""},
	}
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		// A flagged reply answers under its warning (kind safety, the entry kept).
		answered := r.Kind == answer.KindAnswer || tt.flag != "" && r.Kind == answer.KindSafety
		if tt.id != "" && (!answered || r.ID != tt.id) {
			t.Errorf("%s: %q → %s %s, want answer %s", tt.class, tt.q, r.Kind, r.ID, tt.id)
		}
		if tt.flag != "" && !slices.Contains(r.Flags, tt.flag) {
			t.Errorf("%s: %q → %s, flags %v, want flag %s", tt.class, tt.q, r.Kind, r.Flags, tt.flag)
		}
	}
}

// openRealFAQ opens the project's own FAQ, reviewed against the real clock as `make eval` does,
// closed when the test ends.
func openRealFAQ(t *testing.T) *Live {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the real FAQ's index")
	}
	l, err := Open(context.Background(), quiet(), Config{FAQDir: filepath.Join("..", "..", "faq")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func kindIn(k answer.Kind, ks []answer.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// BenchmarkAnswerRealFAQ is the whole answer path over the project's own FAQ (about 160
// entries, trained on its fixtures), for the questions of the failure classes above.
func BenchmarkAnswerRealFAQ(b *testing.B) {
	st := answer.DefaultSettings()
	st.ReplyCache = 0 // the questions repeat: measure the answer, not the reply cache
	l, err := Open(context.Background(), quiet(), Config{FAQDir: filepath.Join("..", "..", "faq"), Settings: &st})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	queries := []string{
		"thẻ căn cước hết hạn rồi phải làm gì", "đăng ký định danh mức 2 cần gì", "tach ho khau can giay to gi",
		"quên mật khẩu vneid thì làm sao", "giá vàng hôm nay", "chào ad, em mất ví hôm qua, trong ví có cccd, giờ em phải làm gì ạ, cảm ơn ad",
		"ko nhan dc otp", "làm hộ chiếu online được không",
	}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		l.Answer(ctx, queries[i%len(queries)])
		i++
	}
}

// BenchmarkOpenRealFAQ is loading the project's own FAQ and building its index in memory: the
// fielded score and the learned model trained on every fixture, what a staffer's edit costs
// before the bot answers from it.
func BenchmarkOpenRealFAQ(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		l, err := Open(context.Background(), quiet(), Config{FAQDir: filepath.Join("..", "..", "faq")})
		if err != nil {
			b.Fatal(err)
		}
		l.Close()
	}
}

// TestNeighbourOurs: a neighbour's matter asked beside one of ours (a pension stopped by a wrong
// death registration) gets our answer with the neighbour's channel in it (round 63: the pension
// topic keeps_own, and dvc-dang-ky-khai-tu's "khai tử nhầm" case leads; before, the channel alone
// with our entry as a button); a message about the neighbour's matter alone gets its channel only.
func TestNeighbourOurs(t *testing.T) {
	l := openRealFAQ(t)
	tests := []struct {
		q     string
		first string // the first button; "" for none
		ours  string // our entry that answers, the neighbour's channel in its text; "" for a fallback
	}{
		{"Tôi là công nhân đã nghỉ hưu. Tháng trước đi khám thì thẻ bảo hiểm y tế bị ngừng vì trên hệ thống tôi đã chết, lương hưu cũng bị dừng. Xin hỏi tôi phải làm thủ tục gì để hủy việc khai tử nhầm, làm ở UBND xã hay công an, bao lâu thì tài khoản VNeID và lương hưu được khôi phục?", "", "dvc-dang-ky-khai-tu"},
		{"lương hưu tháng này được bao nhiêu", "", ""},
		{"vay ngân hàng cần gì", "", ""},
	}
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		if tt.ours != "" {
			if r.Kind != answer.KindAnswer || r.ID != tt.ours || !strings.Contains(r.Text, "BHXH") && !strings.Contains(r.Text, "bảo hiểm xã hội") {
				t.Errorf("Answer(%q) = %s %s, want %s with the pension's channel (BHXH) in it", tt.q, r.Kind, r.ID, tt.ours)
			}
			continue
		}
		if r.Kind != answer.KindFallback {
			t.Errorf("Answer(%q) = %s %s, want the neighbour's channel (fallback)", tt.q, r.Kind, r.ID)
			continue
		}
		switch {
		case tt.first == "" && len(r.Options) > 0:
			t.Errorf("Answer(%q) offers %v, want the channel alone", tt.q, r.Options)
		case tt.first != "" && (len(r.Options) == 0 || r.Options[0].ID != tt.first || !r.Nearest):
			t.Errorf("Answer(%q) offers %v (nearest %v), want %s first as a nearest topic", tt.q, r.Options, r.Nearest, tt.first)
		}
	}
}

// TestNeighbourAnswer: a message whose sentences ask a neighbour's matter and, apart, one of ours
// gets the neighbour's channel, bot.yaml neighbour_answer and our answer (round 50); a matter
// asked with ours in one sentence, a story's clause, or an entry about the matter itself gets no
// channel before an answer.
func TestNeighbourAnswer(t *testing.T) {
	l := openRealFAQ(t)
	set, _, err := faq.Load(filepath.Join("..", "..", "faq"), time.Now()) // its messages only: any day will do
	if err != nil {
		t.Fatal(err)
	}
	line := set.Bot.Messages.NeighbourAnswer
	if line == "" {
		t.Fatal("bot.yaml has no neighbour_answer message")
	}
	tests := []struct {
		q, kind, id string
		channel     bool
	}{
		// the channel, then the answer
		{"Giá vàng hôm nay bao nhiêu? Làm căn cước cho bé 5 tuổi cần gì?", "answer", "the-tre-duoi-6-tuoi", true},
		{"Lương hưu tháng này bao giờ có? Tài khoản VNeID của tôi bị khóa thì làm sao mở?", "answer", "vneid-tai-khoan-bi-khoa", true},
		{"Cho em hỏi mua bảo hiểm nhân thọ ở đâu uy tín? Còn quên mật khẩu VNeID thì lấy lại thế nào?", "answer", "vneid-quen-mat-khau", true},
		{"Tôi vừa được UBND xã cấp trích lục cải chính hộ tịch, đổi tên đệm. Giờ căn cước với VNeID vẫn tên cũ thì tôi phải đi đổi thẻ ở đâu, có mất phí không? Sổ đỏ với tài khoản ngân hàng có phải làm lại hết không ạ?", "answer", "the-doi-ho-ten-gioi-tinh", true}, // the channel alone before
		// look-alikes: no channel before an answer
		{"muon ly hon don phuong thi nop don o dau, co can mang cccd voi giay dk ket hon ban chinh ko", "fallback", "", false}, // one sentence: the papers are the court's
		{"e dinh mua lai xe may cu cua 1 nguoi tren mang, ng ban cho xem cccd voi giay dang ky xe chinh chu. ho doi 22tr. xe nhu vay gia co dat ko ad, nen tra gia bao nhieu thi hop ly", "fallback", "", false},
		{"Tôi làm công nhân may, đóng bảo hiểm thất nghiệp được 4 năm, vừa bị chấm dứt hợp đồng lao động do công ty cắt giảm. Xin hỏi theo Luật Việc làm mới, tôi được hưởng trợ cấp thất nghiệp bao nhiêu tháng, mức hưởng tính thế nào, hồ sơ nộp ở đâu?", "answer", "dvc-tro-cap-that-nghiep", false}, // our entry answers the matter's clause
		{"Em trai tôi ở quê lên ở nhà tôi để tìm việc, chưa biết ở bao lâu, có thể vài tuần có thể vài tháng. Người thì bảo báo lưu trú, người thì bảo phải làm tạm trú, rối hết cả lên. Hai cái này khác nhau thế nào, trường hợp em tôi làm cái nào?", "answer", "cutru-tam-tru-khac-luu-tru", false},  // "tìm việc" in the story
		{"Sổ đỏ nhà tôi đứng tên bố đã mất, muốn sang tên thì làm ở đâu? Còn khai tử cho bố làm online được không?", "answer", "dvc-bien-dong-dat-dai", false},                                                                                                                                           // an entry about the matter
		{"giá vàng hôm nay bao nhiêu", "fallback", "", false},
		{"Giá vàng hôm nay bao nhiêu? Nhờ bot làm giúp tôi thẻ căn cước cho con được không?", "fallback", "", false}, // a request: the do-for-me reply, not an answer
		// review r50: clauses that end in a cue without "?", a second question of ours kept
		{"gia vang hom nay la bao nhieu z ad. tk vneid bi khoa thi mo sao a", "answer", "vneid-tai-khoan-bi-khoa", true},
		{"Giá vàng hôm nay bao nhiêu? Quên mật khẩu VNeID thì sao, đổi số điện thoại VNeID thì sao?", "answer", "vneid-quen-mat-khau", true},
	}
	// Our question not answered confidently on its own: the channel, and the entries that question
	// alone ranks as buttons, not those the matter's story leads to (usability test 14).
	const army = "Con trai tôi 18 tuổi vừa nhận lệnh gọi khám nghĩa vụ quân sự mà cháu đang học năm nhất. Cháu có được tạm hoãn không? Đi khám có phải mang thẻ căn cước không hay đưa VNeID cũng được?"
	if r := l.Answer(context.Background(), army); r.Kind != answer.KindFallback || !slices.ContainsFunc(r.Options, func(o answer.Option) bool { return o.ID == "tienich-thay-the-the-cung" }) ||
		slices.ContainsFunc(r.Options, func(o answer.Option) bool { return strings.HasPrefix(o.ID, "cutru-") }) {
		t.Errorf("Answer(%q) = %s %s options %v, want the channel with the card's and VNeID's entries as buttons", army, r.Kind, r.ID, r.Options)
	}
	// The matter's "bao nhiêu tiền" does not make the passport's fee lead the answer.
	const export = "Đi xuất khẩu lao động Hàn Quốc mất bao nhiêu tiền? Làm hộ chiếu online thế nào?"
	if r := l.Answer(context.Background(), export); r.ID != "dvc-ho-chieu" || !strings.Contains(r.Text, line) || strings.HasPrefix(strings.TrimSpace(r.Text[strings.Index(r.Text, line)+len(line):]), "Lệ phí") {
		t.Errorf("Answer(%q) = %s %s, want the channel, then dvc-ho-chieu's answer as written; text %q", export, r.Kind, r.ID, r.Text)
	}
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		if string(r.Kind) != tt.kind || r.ID != tt.id {
			t.Errorf("Answer(%q) = %s %s, want %s %s", tt.q, r.Kind, r.ID, tt.kind, tt.id)
			continue
		}
		at := strings.Index(r.Text, line)
		if strings.Contains(tt.q, "đổi số điện thoại VNeID") && alsoOf(r) != "vneid-doi-so-dien-thoai" {
			t.Errorf("Answer(%q): second question %q, want vneid-doi-so-dien-thoai", tt.q, alsoOf(r))
		}
		switch {
		case !tt.channel && at >= 0:
			t.Errorf("Answer(%q) says %q, want no neighbour's channel before it", tt.q, line)
		case tt.channel && (at <= 0 || len(r.Text)-at-len(line) < 200):
			t.Errorf("Answer(%q): want the neighbour's channel, then %q, then the answer; text %q", tt.q, line, r.Text[:min(len(r.Text), 300)])
		}
	}
}

// TestLeadAsked: a question that asks the fee, a fine or the wait gets the answer's paragraph that
// gives it first (words.yaml asked_items); a fee told in the story, a validity asked or papers asked
// leave the answer as written.
// alsoOf is r's other questions' entries, joined with commas ("" for none).
func alsoOf(r answer.Reply) string { return strings.Join(r.Also, ",") }

// TestAlsoAsked: a message whose clauses ask two things two entries answer gets the first answered
// and the second as the first button, named after bot.yaml also_asked (round 49); a clause that
// names nothing of its own, or asks what the answer gives, calls no second entry.
func TestAlsoAsked(t *testing.T) {
	l := openRealFAQ(t)
	set, _, err := faq.Load(filepath.Join("..", "..", "faq"), time.Now()) // its messages only: any day will do
	if err != nil {
		t.Fatal(err)
	}
	line := set.Bot.Messages.AlsoAsked
	if line == "" {
		t.Fatal("bot.yaml has no also_asked message")
	}
	tests := []struct {
		q, id, also string
	}{
		{"quên mk vneid thì sao, đổi sđt vneid thì sao", "vneid-quen-mat-khau", "vneid-doi-so-dien-thoai"},
		{"quên mk vneid thì sao, đổi sđt thì sao", "vneid-quen-mat-khau", ""}, // the second names none of our subjects
		{"đi làm ở Đài Loan 2 năm có phải khai tạm vắng không, hộ khẩu ở quê có bị xóa không", "cutru-tam-vang", "cutru-xoa-thuong-tru"},
		// questions set apart ("?", a numbered list typed in one line) need no rank in the whole message (also_apart)
		{"cho em hỏi 2 việc: 1. làm thẻ căn cước cho con 10 tuổi cần gì 2. đăng ký tạm trú online thế nào", "the-cho-tre-em", "cutru-tam-tru"},
		{"Làm thẻ căn cước cho con 10 tuổi cần gì? Đăng ký tạm trú online thế nào?", "the-tre-6-den-14-tuoi", "cutru-tam-tru"},
		// a question set apart needs its own answer at confident_low with apart_lead only (also_apart_low);
		// not a near tie (review of round 52: lead 0.017 for a rhetorical question)
		{"Thẻ căn cước của tôi sắp hết hạn mà tôi đang ở Úc, làm lại ở đại sứ quán được không? Thẻ hết hạn rồi thì VNeID còn đăng nhập được không?", "the-nguoi-o-nuoc-ngoai", ""},
		// (round 62: "giấy chứng tử" names none of our subjects, so also_own_first does not apply: the answer's entry keeps it)
		{"Bà em mất rồi, còn tài khoản vneid thì để làm gì nữa? Giờ làm giấy chứng tử cho bà ở đâu?", "dvc-khai-tu-lien-thong", ""},
		{"Tôi sắp đi làm ở Nhật 2 năm, có phải khai báo tạm vắng không? Giấy phép lái xe có cần tích hợp vào VNeID trước khi đi không?", "cutru-tam-vang", "tienich-gplx"},
		// a question set apart that names none of our subjects is searched alone all the same (also_apart_any; round 62)
		{"Tôi mất ví có thẻ căn cước, làm lại ở đâu? Một điện thoại đăng nhập được hai tài khoản không?", "the-mat-the", "vneid-nhieu-thiet-bi"},
		// the part's own first entry is another, though the answer's ranks among its candidates (also_own_first; round 62)
		{"Thẻ căn cước của tôi hết hạn 2 tháng rồi mà chưa đi đổi, có bị phạt không? Thẻ hết hạn thì VNeID có bị khóa không?", "the-qua-han-chua-doi", "vneid-tai-khoan-bi-khoa"},
		{"Tôi muốn đăng ký tạm trú ở nhà trọ mới, làm online thế nào? Tạm trú được bao lâu thì phải gia hạn?", "cutru-tam-tru", "cutru-gia-han-tam-tru"},
		// the papers asked of another procedure than the answer's (its answer gives papers too)
		{"Đăng ký kết hôn online cần những gì? Cưới xong tôi muốn chuyển hộ khẩu về nhà chồng thì làm trên app được không?", "cutru-thuong-tru", "dvc-dang-ky-ket-hon"},
		// look-alikes: no second question
		{"CMND của tôi hết hạn từ năm 2020, tôi chưa làm CCCD bao giờ, giờ đi làm thẻ căn cước có bị phạt vì để quá hạn không?", "the-cmnd-cccd-cu-con-han", ""}, // the answer gives the fine
		{"Con em 10 tuổi thì làm thẻ căn cước có phải đưa đi lấy vân tay không? Cấp thẻ căn cước cho con có mất phí không?", "the-tre-6-den-14-tuoi", ""},        // "cấp thẻ" is the answer's procedure too
		{"lam the can cuoc cho con 10 tuoi can gi, dang ky tam tru online the nao", "the-tre-6-den-14-tuoi", ""},                                                 // one sentence: the whole message must rank it
		// usability test 15: the second entry's case is the one said first (a shared case): no pointer
		{"Chồng em người Hàn, có thẻ tạm trú ở Việt Nam 3 năm. Anh ấy có đăng ký VNeID được không ạ, được mức mấy, và có dùng để đăng ký tạm trú online luôn được không?", "vneid-nguoi-nuoc-ngoai", ""},
		{"Em bị mất ví ở bến xe hôm qua, trong đó có thẻ căn cước với bằng lái. Em phải báo mất ở đâu, có cần khoá VNeID không, và làm lại thẻ có phải về quê không", "the-mat-the", ""}, // "báo mất ở đâu" alone is a passport's
		{"làm hộ chiếu cần giấy tờ gì, bao lâu thì có", "dvc-ho-chieu", ""}, // the answer gives both
		{"thẻ căn cước làm xong nhận ở đâu? bao lâu thì có thẻ?", "the-thoi-gian-cap-the", ""},
		{"quên mật khẩu vneid thì làm sao", "vneid-quen-mat-khau", ""}, // one clause
		// three questions: the second and the third, in the order asked (also_asked_most; round 60)
		{"Làm thẻ căn cước cho con 10 tuổi cần gì? Đăng ký tạm trú online thế nào? Quên mật khẩu VNeID thì lấy lại ra sao?", "the-tre-6-den-14-tuoi", "cutru-tam-tru,vneid-quen-mat-khau"},
		{"Cho em hỏi 3 việc: 1. làm thẻ căn cước cho con 10 tuổi cần gì 2. đăng ký tạm trú online thế nào 3. quên mật khẩu vneid thì làm sao", "the-tre-6-den-14-tuoi", "cutru-tam-tru,vneid-quen-mat-khau"},
	}
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		if r.Kind != answer.KindAnswer || r.ID != tt.id || alsoOf(r) != tt.also {
			t.Errorf("Answer(%q) = %s %s also %q, want answer %s also %q", tt.q, r.Kind, r.ID, alsoOf(r), tt.id, tt.also)
			continue
		}
		said := strings.Contains(r.Text, line)
		if tt.also == "" {
			if said {
				t.Errorf("Answer(%q) says %q with no second question", tt.q, line)
			}
			continue
		}
		for i, id := range strings.Split(tt.also, ",") {
			if !said || len(r.Options) <= i || r.Options[i].ID != id || !strings.Contains(r.Text, "«"+r.Options[i].Title+"»") {
				t.Errorf("Answer(%q): want %q with the title of %s, button %d; text ends %q, options %v", tt.q, line, id, i+1, r.Text[max(0, len(r.Text)-200):], r.Options)
			}
		}
		if next := set.Bot.Messages.AlsoAskedNext; strings.Contains(r.Text, next) != strings.Contains(tt.also, ",") {
			t.Errorf("Answer(%q) says %q: %v, want it before a third question only", tt.q, next, !strings.Contains(r.Text, next))
		}
	}
	// Explain says what became of each other asking part, for staff reading why a second
	// question went unanswered.
	for _, x := range []struct{ q, says string }{
		{"quên mk vneid thì sao, đổi sđt vneid thì sao", "answered below by vneid-doi-so-dien-thoai"},
		{"quên mk vneid thì sao, đổi sđt thì sao", "names none of our subjects"},
		{"làm hộ chiếu cần giấy tờ gì, bao lâu thì có", "names none of our subjects"},
		{"tôi mất điện thoại hôm qua. quên mật khẩu vneid thì làm sao", "the only asking part"},
	} {
		ex := l.Explain(context.Background(), x.q)
		if !slices.ContainsFunc(ex.Parts, func(p string) bool { return strings.Contains(p, x.says) }) {
			t.Errorf("Explain(%q).Parts = %q, want one saying %q", x.q, ex.Parts, x.says)
		}
	}
	if ex := l.Explain(context.Background(), "quên mật khẩu vneid thì làm sao"); len(ex.Parts) > 0 {
		t.Errorf("Explain of a one-clause question: Parts = %q, want none", ex.Parts)
	}
	// also_apart_any off: a part naming none of our subjects is left to the whole message, set apart or not.
	const apartAny = "Tôi mất ví có thẻ căn cước, làm lại ở đâu? Một điện thoại đăng nhập được hai tài khoản không?"
	st0 := answer.DefaultSettings()
	st0.AlsoApartAny = false
	if r := l.WithSettings(st0).Answer(context.Background(), apartAny); alsoOf(r) != "" {
		t.Errorf("with also_apart_any false: Answer(%q) also %q, want none", apartAny, alsoOf(r))
	}
	// also_own_first off: the answer's entry among the part's candidates at answer confidence keeps the part.
	const ownFirst = "Thẻ căn cước của tôi hết hạn 2 tháng rồi mà chưa đi đổi, có bị phạt không? Thẻ hết hạn thì VNeID có bị khóa không?"
	st1 := answer.DefaultSettings()
	st1.AlsoOwnFirst = false
	if r := l.WithSettings(st1).Answer(context.Background(), ownFirst); alsoOf(r) != "" {
		t.Errorf("with also_own_first false: Answer(%q) also %q, want none", ownFirst, alsoOf(r))
	}
	// also_asked_most 1: the second question only.
	const three = "Làm thẻ căn cước cho con 10 tuổi cần gì? Đăng ký tạm trú online thế nào? Quên mật khẩu VNeID thì lấy lại ra sao?"
	st := answer.DefaultSettings()
	st.AlsoAskedMost = 1
	if r := l.WithSettings(st).Answer(context.Background(), three); alsoOf(r) != "cutru-tam-tru" {
		t.Errorf("with also_asked_most 1: Answer(%q) also %q, want cutru-tam-tru", three, alsoOf(r))
	}
	// Boundaries: off (also_asked 0), and a clause needing more telling words than it has.
	const q = "quên mk vneid thì sao, đổi sđt vneid thì sao"
	// Under the second entry's title: the say of its first case the message calls, else its first
	// paragraph when at most also_asked_brief long and not pointing at the rest of its answer
	// (words.yaml points_below: "theo một trong ba cách").
	firsts, says := map[string]string{}, map[string][]string{}
	for _, en := range set.Entries {
		firsts[en.ID], _, _ = strings.Cut(strings.TrimSpace(en.Answer), "\n\n")
		for _, c := range en.Cases {
			says[en.ID] = append(says[en.ID], c.Say)
		}
	}
	const lost = "làm lại thẻ căn cước bị mất ở đâu, dùng vneid đi máy bay được không" // the-mat-the second
	_, first, _ := strings.Cut(l.Answer(context.Background(), lost).Text, "»\n\n")     // its first paragraph, facts filled in
	n := utf8.RuneCountInString(first)
	if first == "" || !strings.HasPrefix(firsts["the-mat-the"], first[:min(len(first), 12)]) {
		t.Fatalf("Answer(%q): brief %q is not the-mat-the's first paragraph %q: pick another row", lost, first, firsts["the-mat-the"])
	}
	for _, b := range []struct {
		q, para string
		brief   int
		shown   bool
	}{
		{lost, first, n, true},
		{lost, first, n - 1, false},
		{lost, first, 0, false},
		{q, firsts["vneid-doi-so-dien-thoai"], 1000, false}, // "theo một trong ba cách."
	} {
		st := answer.DefaultSettings()
		st.AlsoAskedBrief = b.brief
		r := l.WithSettings(st).Answer(context.Background(), b.q)
		if alsoOf(r) == "" {
			t.Errorf("Answer(%q): no second question", b.q)
			continue
		}
		if got := strings.HasSuffix(r.Text, "»\n\n"+b.para); got != b.shown {
			t.Errorf("Answer(%q) with also_asked_brief %d: brief shown %v, want %v; text ends %q", b.q, b.brief, got, b.shown, r.Text[max(0, len(r.Text)-300):])
		}
	}
	// A first paragraph too long for a brief gives its first sentence when that says enough
	// (also_sentence_words): "is VNeID mandatory" asked beside an insurance question.
	const must = "Tôi dùng điện thoại cục gạch. Có bắt buộc phải có tài khoản VNeID không, khám bệnh bằng thẻ bảo hiểm có được không?"
	sentence, _, _ := strings.Cut(firsts["vneid-bat-buoc-khong"], ". ")
	if utf8.RuneCountInString(firsts["vneid-bat-buoc-khong"]) <= answer.DefaultSettings().AlsoAskedBrief {
		t.Fatalf("vneid-bat-buoc-khong's first paragraph is short enough to be the brief itself: pick another row")
	}
	for _, b := range []struct {
		words int
		shown bool
	}{{answer.DefaultSettings().AlsoSentenceWords, true}, {100, false}} {
		st := answer.DefaultSettings()
		st.AlsoSentenceWords = b.words
		r := l.WithSettings(st).Answer(context.Background(), must)
		if alsoOf(r) != "vneid-bat-buoc-khong" {
			t.Fatalf("Answer(%q): second question %q, want vneid-bat-buoc-khong", must, alsoOf(r))
		}
		if got := strings.HasSuffix(r.Text, "»\n\n"+sentence+"."); got != b.shown {
			t.Errorf("Answer(%q) with also_sentence_words %d: first sentence shown %v, want %v; text ends %q", must, b.words, got, b.shown, r.Text[max(0, len(r.Text)-300):])
		}
	}
	// A case the message calls speaks first: lost card and flying, asked the other way round.
	const flight = "mất ví có thẻ căn cước thì làm lại ở đâu? vneid mức 2 có đi máy bay được không?"
	r := l.Answer(context.Background(), flight)
	_, brief, _ := strings.Cut(r.Text, "»\n\n")
	if alsoOf(r) != "tienich-may-bay" || !slices.Contains(says["tienich-may-bay"], brief) {
		t.Errorf("Answer(%q): second question %q, brief %q; want tienich-may-bay with one of its cases' says", flight, alsoOf(r), brief)
	}
	// A case the whole message calls, but by another question's words, is that question's: the wallet's
	// pointer does not say the wallet entry's flight case when flying is asked apart (round 64,
	// usability test 27: the flight line sat under the wallet's title and again under the flight's).
	for _, q := range []string{
		"Khám bệnh bằng VNeID thay thẻ bảo hiểm y tế được không? Ví giấy tờ trên VNeID tích hợp được những giấy gì? Còn đi máy bay trong nước có cần mang thẻ căn cước không?",
		"kham benh dung vneid thay the bhyt duoc ko? vi giay to tren vneid co nhung giay gi? di may bay noi dia dua app ra duoc ko?",
	} {
		r := l.Answer(context.Background(), q)
		if alsoOf(r) != "tienich-tich-hop-giay-to,tienich-may-bay" {
			t.Errorf("Answer(%q): second questions %q, want tienich-tich-hop-giay-to,tienich-may-bay", q, alsoOf(r))
			continue
		}
		_, after, _ := strings.Cut(r.Text, "«"+r.Options[0].Title+"»\n\n")
		wallet, _, _ := strings.Cut(after, "\n\n")
		if wallet == "" || strings.Contains(textnorm.Fold(wallet), "may bay") {
			t.Errorf("Answer(%q): the wallet's brief is %q, want its own (not the flight's case)", q, wallet)
		}
	}
	const apart = "Làm thẻ căn cước cho con 10 tuổi cần gì? Đăng ký tạm trú online thế nào?"
	st = answer.DefaultSettings()
	st.AlsoApart = false
	if r := l.WithSettings(st).Answer(context.Background(), apart); alsoOf(r) != "" {
		t.Errorf("with also_apart false: Answer(%q) also %q, want none (the whole message does not rank it)", apart, alsoOf(r))
	}
	const low = "Tôi sắp đi làm ở Nhật 2 năm, có phải khai báo tạm vắng không? Giấy phép lái xe có cần tích hợp vào VNeID trước khi đi không?"
	for _, set := range []func(*answer.Settings){
		func(s *answer.Settings) { s.AlsoApartLow = false },
		func(s *answer.Settings) { s.ApartLead = 0.2 }, // its answer leads by about 0.09
	} {
		st = answer.DefaultSettings()
		set(&st)
		if r := l.WithSettings(st).Answer(context.Background(), low); alsoOf(r) != "" {
			t.Errorf("with also_apart_low %v, apart_lead %v: Answer(%q) also %q, want none (its answer leads by less than confident_lead)", st.AlsoApartLow, st.ApartLead, low, alsoOf(r))
		}
	}
	for _, set := range []func(*answer.Settings){
		func(s *answer.Settings) { s.AlsoAsked = 0 },
		func(s *answer.Settings) { s.AlsoAskedWords = 4 }, // "đổi sđt vneid thì sao" has three
	} {
		st := answer.DefaultSettings()
		set(&st)
		if r := l.WithSettings(st).Answer(context.Background(), q); alsoOf(r) != "" || strings.Contains(r.Text, line) {
			t.Errorf("with also_asked %d, also_asked_words %d: Answer(%q) also %q, want none", st.AlsoAsked, st.AlsoAskedWords, q, alsoOf(r))
		}
	}
}

// TestFirstItem: a numbered list of questions is answered in its order (first_item): the first
// item, read after what comes before the list, takes the answer from the entry the whole message
// ranks first; the later items are second questions. Usability test 15: "1) làm lại thẻ bị mất
// trên vneid được ko 2) bao lâu có thẻ 3) trong lúc chờ…" was answered by its third item.
func TestFirstItem(t *testing.T) {
	l := openRealFAQ(t)
	tests := []struct {
		q, id, off string // off: the answer with first_item false
	}{
		{"ad cho hỏi 1) làm lại thẻ căn cước bị mất trên vneid được ko 2) bao lâu có 3) lúc chờ thẻ thì đi máy bay bằng gì", "the-mat-the", "the-cho-the-dung-gi"},
		// look-alikes: what comes before the list is read with the first item
		{"con em 10 tuổi. cho em hỏi 1. làm thẻ căn cước cần gì 2. mất bao lâu có thẻ", "the-tre-6-den-14-tuoi", "the-tre-6-den-14-tuoi"},
		{"mẹ em 80 tuổi nằm một chỗ. 1. làm thẻ căn cước ở đâu 2. có cần đưa mẹ đến không", "the-nguoi-khuyet-tat-om-liet", "the-nguoi-khuyet-tat-om-liet"},
		{"em ở nước ngoài, thẻ cccd bị mất: 1) làm lại thế nào 2) có làm ở đại sứ quán được không", "the-nguoi-o-nuoc-ngoai", "the-nguoi-o-nuoc-ngoai"},
		// review of round 52: a story counted "lần 1) … lần 2)" and asking after it; a confident whole
		// answer and a first item that leads by a hair
		{"Lần 1) em lên phường hỏi làm thẻ căn cước online được không thì họ bảo phải làm trực tiếp, lần 2) em hỏi đăng ký tạm trú ở đâu thì họ bảo lên huyện. Giờ em bị mất thẻ thì làm lại ở đâu?", "", ""},
		{"Em đăng ký thường trú cho con về nhà ngoại: 1. cần giấy tờ gì 2. làm online được không 3. bao lâu xong", "", ""},
		{"1. đăng ký tài khoản vneid ở đâu 2. mức 2 khác mức 1 thế nào 3. tài khoản bị khóa thì mở thế nào", "", ""},
		// one item only: no list ("1." alone keeps its number)
		{"ad cho hỏi 1) làm lại thẻ căn cước bị mất trên vneid được ko, lúc chờ thẻ thì đi máy bay bằng gì", "", ""},
	}
	// --explain after a switch shows the item's candidates with what each part contributed.
	if ex := l.Explain(context.Background(), tests[0].q); len(ex.Candidates) == 0 || ex.Candidates[0].ID != tests[0].id || len(ex.Candidates[0].Parts) == 0 {
		t.Errorf("Explain(%q): first candidate %v, want %s with its parts", tests[0].q, ex.Candidates[:min(1, len(ex.Candidates))], tests[0].id)
	}
	off := answer.DefaultSettings()
	off.FirstItem = false
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		o := l.WithSettings(off).Answer(context.Background(), tt.q)
		if tt.id == "" {
			if r.ID != o.ID || r.Kind != o.Kind {
				t.Errorf("Answer(%q) = %s %s, with first_item off %s %s: want the same (no list)", tt.q, r.Kind, r.ID, o.Kind, o.ID)
			}
			continue
		}
		if r.Kind != answer.KindAnswer || r.ID != tt.id {
			t.Errorf("Answer(%q) = %s %s, want answer %s", tt.q, r.Kind, r.ID, tt.id)
		}
		if o.ID != tt.off {
			t.Errorf("with first_item false: Answer(%q) = %s %s, want %s (pick another row if the whole message now ranks the first item's entry first)", tt.q, o.Kind, o.ID, tt.off)
		}
	}
}

func TestLeadAsked(t *testing.T) {
	l := openRealFAQ(t)
	tests := []struct {
		q, id, lead string
	}{
		{"làm hộ chiếu lần đầu hết bao nhiêu tiền", "dvc-ho-chieu", "Lệ phí:"},
		{"lam ho chieu nam 2026 het bao nhieu tien", "dvc-ho-chieu", "Lệ phí:"},
		{"làm hộ chiếu online bao lâu thì có", "dvc-ho-chieu", "Thời hạn:"},
		{"đăng ký khai sinh cho con có mất lệ phí không", "dvc-dang-ky-khai-sinh", "Xong ngay"},
		{"o tro 2 thang ko dang ky tam tru co bi phat ko ad", "cutru-tam-tru", "Không đăng ký có thể bị phạt"},                          // the minors sentence that opened this paragraph is a case since round 58
		{"đưa con lớp 3 đi làm căn cước cần mang gì", "the-tre-6-den-14-tuoi", "Làm thẻ cho con dưới 14 tuổi: cha hoặc mẹ đưa con đến"}, // round 62 (a62): the child's papers case says what to bring, before the answer
		{"làm hộ chiếu cần giấy tờ gì", "dvc-ho-chieu", "Cần chuẩn bị:"},
		{"bằng lái trên vneid có thay bằng cứng khi csgt kiểm tra không", "tienich-gplx", "Giấy phép lái xe (GPLX) đã tích hợp trên VNeID có giá trị như bản cứng"}, // the answer opens with it since round 59 (c59)
		{"Tôi không khai báo tạm vắng khi đi làm xa thì có bị phạt không?", "cutru-tam-vang", "Không khai khi bắt buộc"},
		// Given only in a list's step: that part of the step leads, said once more (lead_piece).
		{"dky tam tru tren vneid mat may ngay moi dc duyet vay ad", "cutru-tam-tru", "Giải quyết trong 3 ngày làm việc.\n\n"},
		{"đăng ký tạm trú online lệ phí bao nhiêu", "cutru-tam-tru", "Lệ phí 15.000 đồng"}, // round 63 (c63, test 26 #4): the step says "Gửi hồ sơ; lệ phí …", so its fee part leads whole
		// review r51: not in a scam entry's advice, not under a condolence, not a part that leans on a condition
		{"có người nhắn được nhận 100k an sinh qua VNeID, liên kết tài khoản có mất phí không", "lua-dao-qua-100k", "Đó là lừa đảo."},
		{"Cháu đi làm xa, bao lâu mới về một lần, có phải đăng ký tạm trú không?", "cutru-tam-tru", "Làm online được"},
		{"sửa thông tin cư trú bị sai mất bao lâu", "cutru-sua-thong-tin-sai", "Địa chỉ thường trú"},
		// look-alikes: the answer's own first paragraph stays first
		{"xem ho so can cuoc da duyet chua", "the-tra-cuu-tien-do", "Nếu nộp trên VNeID"}, // "hồ sơ căn", not "hồ sơ cần"
		{"tôi đã nộp lệ phí làm hộ chiếu rồi, giờ theo dõi hồ sơ ở đâu", "dvc-ho-chieu", "Hộ chiếu phổ thông"},
	}
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		if r.Kind != answer.KindAnswer || r.ID != tt.id {
			t.Errorf("Answer(%q) = %s %s, want answer %s", tt.q, r.Kind, r.ID, tt.id)
			continue
		}
		if !strings.HasPrefix(r.Text, tt.lead) {
			t.Errorf("Answer(%q) opens %.80q, want it to open with %q", tt.q, r.Text, tt.lead)
		}
	}
	// lead_piece's boundary: a part as long as the setting leads, one character more stays put.
	const q, piece = "dky tam tru tren vneid mat may ngay moi dc duyet vay ad", "giải quyết trong 3 ngày làm việc"
	for _, b := range []struct {
		most int
		lead bool
	}{{utf8.RuneCountInString(piece), true}, {utf8.RuneCountInString(piece) - 1, false}, {0, false}} {
		st := answer.DefaultSettings()
		st.LeadPiece = b.most
		r := l.WithSettings(st).Answer(context.Background(), q)
		if got := strings.HasPrefix(r.Text, "Giải quyết trong 3 ngày"); got != b.lead {
			t.Errorf("lead_piece %d: Answer(%q) opens %.60q; led by the step's part %v, want %v", b.most, q, r.Text, got, b.lead)
		}
	}
}

// TestTheftWarning: identity theft told (words.yaml scam_theft, scam_theft_together) keeps the scam
// flag but leads with bot.yaml safety_theft; a caller's script leads with safety_scam, also when
// theft is told beside it (round 64, usability test 27: a stolen wallet got "công an không gọi điện…").
func TestTheftWarning(t *testing.T) {
	l := openRealFAQ(t)
	set, _, err := faq.Load(filepath.Join("..", "..", "faq"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	m := set.Bot.Messages
	if m.SafetyTheft == "" || m.SafetyScam == "" {
		t.Fatal("bot.yaml lacks safety_theft or safety_scam")
	}
	tests := []struct {
		q     string
		theft bool
	}{
		{"ví bị trộm mất cả căn cước, sợ kẻ gian dùng căn cước của tôi để vay tiền", true},
		{"cong ty tai chinh goi doi no khoan vay 30 trieu ma toi khong he vay", true},
		{"bị người lạ dùng tài khoản vneid vay app thì làm sao", true},
		{"có người gọi tự xưng công an bảo cài app vneid mới", false},
		{"số lạ tự xưng công an gọi cho tôi, giờ họ lấy tài khoản vneid đi vay", false},
	}
	for _, tt := range tests {
		r := l.Answer(context.Background(), tt.q)
		if !slices.Contains(r.Flags, answer.FlagScam) {
			t.Errorf("Answer(%q) flags %v, want %s", tt.q, r.Flags, answer.FlagScam)
			continue
		}
		want, not := strings.TrimSpace(m.SafetyScam), strings.TrimSpace(m.SafetyTheft)
		if tt.theft {
			want, not = not, want
		}
		if !strings.HasPrefix(r.Text, want) || strings.Contains(r.Text, not) {
			t.Errorf("Answer(%q) opens %q, want the %v warning alone", tt.q, r.Text[:min(len(r.Text), 80)], map[bool]string{true: "safety_theft", false: "safety_scam"}[tt.theft])
		}
	}
}
