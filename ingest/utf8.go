package ingest

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// checkBinary reports ErrBinary for data that is not text: a file type
// http.DetectContentType recognises as binary (PDF, images, archives), or
// bytes with NULs or many control characters. UTF-16 with a byte-order
// mark is text.
func checkBinary(data []byte) error {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return nil
	}
	ct := http.DetectContentType(data)
	if !strings.HasPrefix(ct, "text/") && ct != "application/json" {
		if ct == "application/octet-stream" {
			return ErrBinary
		}
		return fmt.Errorf("%w (%s)", ErrBinary, strings.SplitN(ct, ";", 2)[0])
	}
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	control := 0
	for _, b := range sample {
		if b == 0 {
			return ErrBinary
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			control++
		}
	}
	if control*20 > len(sample) { // more than 5% control bytes
		return ErrBinary
	}
	return nil
}

// decodeText turns file bytes into clean UTF-8 text: byte-order marks
// removed, UTF-16 decoded, CRLF and lone CR line endings made LF. Bytes
// that are not UTF-8 are read as Windows-1252 when the text has no valid
// UTF-8 multi-byte sequence at all (the usual case for a file saved by an
// old Windows editor), and otherwise replaced with U+FFFD, so invalid
// UTF-8 never reaches the index.
func decodeText(data []byte) string {
	var s string
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		s = repairUTF8(data[len(bomUTF8):])
	case bytes.HasPrefix(data, bomUTF16LE):
		s = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, bomUTF16BE):
		s = decodeUTF16(data[2:], true)
	default:
		s = repairUTF8(data)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\uFEFF':
			return -1
		case r == '\f' || r == '\v':
			return '\n'
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7F:
			return -1 // stray control characters carry no text
		}
		return r
	}, s)
}

// repairUTF8 returns data as valid UTF-8; see decodeText.
func repairUTF8(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	if !hasUTF8MultiByte(data) {
		if s, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil && utf8.Valid(s) {
			return string(s)
		}
	}
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

// hasUTF8MultiByte reports whether data holds at least one valid UTF-8
// sequence of more than one byte, which shows the file was meant as UTF-8.
func hasUTF8MultiByte(data []byte) bool {
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r != utf8.RuneError && size > 1 {
			return true
		}
		data = data[size:]
	}
	return false
}

func decodeUTF16(data []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if bigEndian {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return strings.ToValidUTF8(string(utf16.Decode(u)), "\uFFFD")
}

// cleanSpace collapses runs of white space (including no-break spaces)
// to single spaces and trims the ends.
func cleanSpace(s string) string {
	return collapseSpace(strings.ReplaceAll(s, "\u00a0", " "))
}

// decodeHTML is decodeText for an HTML page that is not UTF-8: the
// charset its <meta> declares (as x/net/html/charset reads it) is used
// before the Windows-1252 guess.
func decodeHTML(data []byte) string {
	if utf8.Valid(data) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return decodeText(data)
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" || name == "windows-1252" {
		return decodeText(data)
	}
	if s, err := enc.NewDecoder().Bytes(data); err == nil {
		return decodeText(s)
	}
	return decodeText(data)
}
