package pii

import (
	"reflect"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		kinds []Kind
	}{
		{"số cccd của tôi là 001203004567", "số cccd của tôi là [đã ẩn]", []Kind{IDNumber}},
		{"cccd 001 203 004 567 bị mất", "cccd [đã ẩn] bị mất", []Kind{IDNumber}},
		{"sdt 0912345678 ko nhận được otp", "sdt [đã ẩn] ko nhận được otp", []Kind{Phone}},
		{"gọi cho em +84912345678 nhé", "gọi cho em [đã ẩn] nhé", []Kind{Phone}},
		{"số 0912.345.678", "số [đã ẩn]", []Kind{Phone}},
		{"mã otp là 482913 đúng không", "mã otp là [đã ẩn] đúng không", []Kind{Code}},
		{"482913", "[đã ẩn]", []Kind{Code}},
		{"mật khẩu của tôi là Abc@12345", "mật khẩu của tôi là [đã ẩn]", []Kind{Password}},
		{"mk: hoa123!", "mk: [đã ẩn]", []Kind{Password}},
		{"mật khẩu là gì vậy", "mật khẩu là gì vậy", nil},
		{"gọi 1900 0368 được không", "gọi 1900 0368 được không", nil},
		{"sinh năm 1999, đổi thẻ năm 2024", "sinh năm 1999, đổi thẻ năm 2024", nil},
		{"đổi thẻ lúc 25 tuổi mất 7 ngày", "đổi thẻ lúc 25 tuổi mất 7 ngày", nil},
		{"lệ phí 25.000 đồng", "lệ phí 25.000 đồng", nil},
		{"cmnd 123456789 còn dùng được không", "cmnd [đã ẩn] còn dùng được không", []Kind{IDNumber}},
		{"ngày 15.03.2026", "ngày 15.03.2026", nil},
	}
	for _, tt := range tests {
		got, kinds := Redact(tt.in)
		if got != tt.want || !reflect.DeepEqual(kinds, tt.kinds) {
			t.Errorf("Redact(%q) = %q %v, want %q %v", tt.in, got, kinds, tt.want, tt.kinds)
		}
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"cccd 001203004567", "mk: abc", "0912345678", "+84 912 345 678", "otp 1234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, kinds := Redact(s)
		if len(kinds) == 0 && strings.Contains(out, Mask) && !strings.Contains(s, Mask) {
			t.Fatalf("Redact(%q) masked without reporting a kind: %q", s, out)
		}
		again, _ := Redact(out)
		if again != out {
			t.Fatalf("Redact is not stable: %q then %q", out, again)
		}
	})
}
