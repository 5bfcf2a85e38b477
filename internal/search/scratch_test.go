package search

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSearchReusesScratch: a search's result does not depend on the searches before it (the
// memory they leave for reuse), for short queries and for long ones with more than 32 distinct
// telling words and repeated words (where the scratch indexes its word list in a map).
func TestSearchReusesScratch(t *testing.T) {
	long := strings.Repeat("một hai ba bốn năm sáu bảy tám chín mười ", 2) +
		"mất thẻ căn cước công dân đăng ký định danh điện tử quên mật khẩu số điện thoại cũ " +
		"đổi máy mới không nhận được mã otp tin nhắn xác thực đánh rơi ví giấy tờ tùy thân " +
		"xin cấp lại thẻ căn cước mất ở đâu thủ tục lệ phí bao lâu nhận"
	queries := []string{
		"mất thẻ căn cước",
		long,
		"ko nhan dc otp",
		long + " mất thẻ căn cước otp",
		"đổi số đt",
		"quên mật khẩu quên mật khẩu",
		long[:len(long)/2],
	}
	search := func(ix *Index, q string) Result {
		t.Helper()
		res, err := ix.Search(context.Background(), q, 4)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return res
	}
	want := map[string]Result{}
	for _, q := range queries {
		ix, err := Build("", testEntries, testLexicon, testParams, nil)
		if err != nil {
			t.Fatal(err)
		}
		want[q] = search(ix, q)
		ix.Close()
	}
	ix, err := Build("", testEntries, testLexicon, testParams, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	order := append(slices.Clone(queries), queries...)
	slices.Reverse(order[len(queries):])
	for _, q := range order {
		if got := search(ix, q); !reflect.DeepEqual(got, want[q]) {
			t.Errorf("Search(%.40q…) after other searches = %+v, want %+v", q, got, want[q])
		}
	}
	if w := want[long].Words; w <= 32 {
		t.Fatalf("the long query has %d telling words, want more than 32 for the map path", w)
	}
}
