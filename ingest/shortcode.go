package ingest

import (
	"regexp"
	"strings"
)

// A WordPress page copied or exported without its plugins leaves their
// shortcodes in the text: a page builder's layout tags ("[vc_row]",
// "[/vc_column_text]", "[et_pb_section admin_label="…"]"), and enclosing
// tags around media, captions and buttons ("[embed]https://…[/embed]",
// "[caption id="attachment_812" …]The team at their base[/caption]",
// "[button link="…"]See our jobs[/button]"). The layout tags are markup and
// are removed; what the media, caption and button tags enclose is an
// address, a picture's caption or a call to action, and goes with them. A
// bracketed editorial insertion ("[sic]", "[the council]") is neither: a
// shortcode's name is one of those WordPress and its page builders use, or
// has an underscore, or the tag has an attribute ("name=…").
var (
	shortcodeEnclosingRe = regexp.MustCompile(`(?is)\[(?:embed|caption|wp_caption|video|audio|playlist|gallery|button|vc_btn|vc_video|et_pb_button|et_pb_video|fusion_button|su_button)\b[^\]]*\].*?\[/(?:embed|caption|wp_caption|video|audio|playlist|gallery|button|vc_btn|vc_video|et_pb_button|et_pb_video|fusion_button|su_button)\]`)
	shortcodeTagRe       = regexp.MustCompile(`\[/?(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|row|column|col|one_half|one_third|two_thirds|section|tabs?|accordion|toggle|divider|spacer|embed|caption|video|audio|gallery|button|pullquote|contact-form-7|gravityform)(?:\s+[^\[\]]*)?/?\]|\[[a-z][a-z0-9_-]*\s+[a-z][a-z0-9_-]*=(?:"[^"\]]*"|'[^'\]]*'|[^\s\]]+)[^\[\]]*\]`)
)

// stripShortcodes removes WordPress shortcodes from a cleaned paragraph.
func stripShortcodes(text string) string {
	if strings.IndexByte(text, '[') < 0 {
		return text
	}
	out := shortcodeEnclosingRe.ReplaceAllString(text, " ")
	out = shortcodeTagRe.ReplaceAllString(out, " ")
	if out == text {
		return text
	}
	return collapseSpace(strings.TrimSpace(out))
}
