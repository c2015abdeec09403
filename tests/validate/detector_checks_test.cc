// The checks that confirm, trim or reject what a detector's pattern found.
// Candidates are found the way the classifier finds them: the detector's RE2
// pattern (case-insensitive) over the whole text, then ConfirmDetectorMatch.
#include "validate/detector_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "validate/span_finder.h"

namespace vigil {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// What detector `name` confirms in `text`, as the confirmed substrings.
std::vector<std::string> Found(const char* name, const std::string& text) {
  const DetectorSpec* spec = FindDetector(name);
  EXPECT_NE(spec, nullptr) << name;
  if (!spec) return {};
  RE2::Options options;
  options.set_case_sensitive(false);
  RE2 re(spec->re2_pattern, options);
  EXPECT_TRUE(re.ok()) << re.error();
  std::vector<Span> spans;
  FindAllSpans(re, text, &spans);
  std::vector<std::string> out;
  for (Span span : spans) {
    if (ConfirmDetectorMatch(spec->kind, text, &span)) {
      EXPECT_LE(span.end, text.size());
      out.push_back(text.substr(span.start, span.end - span.start));
    }
  }
  return out;
}

std::vector<std::string> Emails(const std::string& text) { return Found("email", text); }
std::vector<std::string> Urls(const std::string& text) { return Found("url", text); }
std::vector<std::string> Phones(const std::string& text) { return Found("phone", text); }

// ------------------------------------------------------------------ email

TEST(EmailCheck, PlainAddresses) {
  EXPECT_THAT(Emails("write to bob@example.com"), ElementsAre("bob@example.com"));
  EXPECT_THAT(Emails("first.last+tag@mail.sub.example.co.uk"),
              ElementsAre("first.last+tag@mail.sub.example.co.uk"));
  EXPECT_THAT(Emails("BOB@EXAMPLE.COM"), ElementsAre("BOB@EXAMPLE.COM"));
  EXPECT_THAT(Emails("a@b.io and c_d%e@f-g.org"), ElementsAre("a@b.io", "c_d%e@f-g.org"));
}

TEST(EmailCheck, TrailingPunctuationIsNotPartOfTheAddress) {
  EXPECT_THAT(Emails("mail bob@example.com."), ElementsAre("bob@example.com"));
  EXPECT_THAT(Emails("(bob@example.com)"), ElementsAre("bob@example.com"));
  EXPECT_THAT(Emails("bob@example.com, alice@example.org!"),
              ElementsAre("bob@example.com", "alice@example.org"));
  EXPECT_THAT(Emails("<bob@example.com>;"), ElementsAre("bob@example.com"));
}

TEST(EmailCheck, FileNamesThatLookLikeAddressesAreRejected) {
  EXPECT_THAT(Emails("logo@2x.png"), IsEmpty());
  EXPECT_THAT(Emails("see icon@3x.jpg and hero@2x.webp"), IsEmpty());
  EXPECT_THAT(Emails("bundle@1.2.3.js"), IsEmpty());
  EXPECT_THAT(Emails("backup@v2.tar"), IsEmpty());
  EXPECT_THAT(Emails("LOGO@2X.PNG"), IsEmpty());  // the extension check ignores case
}

TEST(EmailCheck, MalformedLocalPartsAreRejected) {
  EXPECT_THAT(Emails("a..b@example.com"), IsEmpty());
  EXPECT_THAT(Emails("a.@example.com"), IsEmpty());
  EXPECT_THAT(Emails("bob@localhost"), IsEmpty());  // no top-level domain
  EXPECT_THAT(Emails("@handle on twitter"), IsEmpty());
  EXPECT_THAT(Emails("bob at example dot com"), IsEmpty());
}

TEST(EmailCheck, AddressGluedToLettersOnTheRightIsRejected) {
  // The candidate stops at a digit after the TLD letters; glued, it is not one.
  EXPECT_THAT(Emails("bob@example.com2"), IsEmpty());
  EXPECT_THAT(Emails("bob@example.comж"), IsEmpty());
}

TEST(EmailCheck, ConfirmOnAGivenSpan) {
  const std::string text = "x .bob@example.com y";
  Span span{2, 18};  // ".bob@example.com": a local part may not start with '.'
  EXPECT_FALSE(ConfirmDetectorMatch(DetectorKind::kEmail, text, &span));
  Span ok{3, 18};
  EXPECT_TRUE(ConfirmDetectorMatch(DetectorKind::kEmail, text, &ok));
  EXPECT_EQ(ok.start, 3u);
  EXPECT_EQ(ok.end, 18u);
}

// -------------------------------------------------------------------- url

TEST(UrlCheck, LinksAndWwwAddresses) {
  EXPECT_THAT(Urls("see https://example.com/a/b?c=d#e now"),
              ElementsAre("https://example.com/a/b?c=d#e"));
  EXPECT_THAT(Urls("http://x.example and www.example.org"),
              ElementsAre("http://x.example", "www.example.org"));
  EXPECT_THAT(Urls("HTTPS://EXAMPLE.COM"), ElementsAre("HTTPS://EXAMPLE.COM"));
  EXPECT_THAT(Urls("a bare example.com is not a link"), IsEmpty());
}

TEST(FindLinks, FindsWhatTheFullSearchFinds) {
  // FindLinks lets RE2 read only from the first "://" or "www." on; it must
  // find exactly what a search of the whole text confirms.
  const DetectorSpec* spec = FindDetector("url");
  RE2::Options options;
  options.set_case_sensitive(false);
  const RE2 re(spec->re2_pattern, options);
  for (const std::string text :
       {"see https://example.com/a/b now", "http://x.example and www.example.org",
        "HTTPS://EXAMPLE.COM", "WWW.EXAMPLE.COM first, then ftp://nope and https://yes.example",
        "www.a.example then http://b.example", "no link at all. just dots...",
        "://odd start https://x.example", "ab://x.example", "wwwx.example www.y.example",
        "http://a.example http://b.example http://c.example",
        // RE2's case folding reads "ſ" as "s": six bytes before "://".
        "see http\xc5\xbf://evil.example/x"}) {
    std::vector<Span> links;
    FindLinks(re, text, &links);
    std::vector<std::string> found;
    for (Span span : links) found.push_back(text.substr(span.start, span.end - span.start));
    EXPECT_EQ(found, Urls(text)) << text;
  }
  std::vector<Span> none;
  FindLinks(re, "plain text with example.com but no scheme", &none);
  EXPECT_THAT(none, IsEmpty());
}

TEST(UrlCheck, TrailingSentencePunctuationIsTrimmed) {
  EXPECT_THAT(Urls("Go to https://example.com/a."), ElementsAre("https://example.com/a"));
  EXPECT_THAT(Urls("https://example.com/a, then"), ElementsAre("https://example.com/a"));
  EXPECT_THAT(Urls("Really? https://example.com/?q=1!?"), ElementsAre("https://example.com/?q=1"));
  EXPECT_THAT(Urls("ends here: https://example.com/x...;"), ElementsAre("https://example.com/x"));
  EXPECT_THAT(Urls("visit www.example.com!"), ElementsAre("www.example.com"));
  // Inside the link, dots stay.
  EXPECT_THAT(Urls("https://a.b.example/c.d.html"), ElementsAre("https://a.b.example/c.d.html"));
}

TEST(UrlCheck, ClosingParenthesesAndBracketsAreBalanced) {
  EXPECT_THAT(Urls("(see https://en.wikipedia.org/wiki/Foo_(bar))"),
              ElementsAre("https://en.wikipedia.org/wiki/Foo_(bar)"));
  EXPECT_THAT(Urls("(https://example.com)"), ElementsAre("https://example.com"));
  EXPECT_THAT(Urls("[link](https://example.com/x)."), ElementsAre("https://example.com/x"));
  EXPECT_THAT(Urls("[https://example.com/y]"), ElementsAre("https://example.com/y"));
  EXPECT_THAT(Urls("https://example.com/wiki/A_(b)"),
              ElementsAre("https://example.com/wiki/A_(b)"));
  EXPECT_THAT(Urls("https://example.com/a[1]"), ElementsAre("https://example.com/a[1]"));
}

TEST(UrlCheck, SchemeWithoutAnythingAfterItIsRejected) {
  EXPECT_THAT(Urls("http://."), IsEmpty());
  EXPECT_THAT(Urls("https://..."), IsEmpty());
}

TEST(UrlCheck, LinkGluedToAWordOnTheLeftIsRejected) {
  EXPECT_THAT(Urls("xhttps://example.com"), IsEmpty());
  EXPECT_THAT(Urls("wwww.example.com"), IsEmpty());  // "www." inside "wwww."
  EXPECT_THAT(Urls("жhttps://example.com"), IsEmpty());
  EXPECT_THAT(Urls("\"https://example.com\""), ElementsAre("https://example.com"));
}

// "www." followed only by punctuation is trimmed down to "www", shorter than
// the "www." prefix the check then skips: it must be rejected, not throw.
TEST(UrlCheck, WwwFollowedOnlyByPunctuationIsRejectedWithoutThrowing) {
  for (const std::string text : {"see www.. now", "www.)", "(www.!)", "www.,;"}) {
    std::vector<std::string> found;
    EXPECT_NO_THROW(found = Urls(text)) << text;
    EXPECT_THAT(found, IsEmpty()) << text;
  }
}

// ------------------------------------------------------------------ phone

TEST(PhoneCheck, InternationalAndNationalNumbers) {
  EXPECT_THAT(Phones("call +1 415 555 0132 today"), ElementsAre("+1 415 555 0132"));
  EXPECT_THAT(Phones("+98 912 345 6789"), ElementsAre("+98 912 345 6789"));
  EXPECT_THAT(Phones("0912 345 6789"), ElementsAre("0912 345 6789"));
  EXPECT_THAT(Phones("(020) 7946 0958"), ElementsAre("(020) 7946 0958"));
  EXPECT_THAT(Phones("415-555-0132."), ElementsAre("415-555-0132"));
  EXPECT_THAT(Phones("+44.20.7946.0958"), ElementsAre("+44.20.7946.0958"));
}

TEST(PhoneCheck, TooFewOrTooManyDigits) {
  // "there must be 9 to 15 digits in total"
  EXPECT_THAT(Phones("12-345-678"), IsEmpty());                                // 8 digits
  EXPECT_THAT(Phones("555-0132"), IsEmpty());                                  // 7
  EXPECT_THAT(Phones("1234567890123456"), IsEmpty());                          // 16
  EXPECT_THAT(Phones("+1234567"), IsEmpty());                                  // + and 7
  EXPECT_THAT(Phones("+86 138 0013 8000"), ElementsAre("+86 138 0013 8000"));  // 13
}

// docs/RULESET.md and the detector's description: "there must be 9 to 15
// digits in total", for international forms too.
TEST(PhoneCheck, EightDigitsWithAPlusAreTooFewAsDocumented) {
  EXPECT_THAT(Phones("+12 345 678"), IsEmpty());
}

TEST(PhoneCheck, RepeatedDigitsAreNotAPhoneNumber) {
  EXPECT_THAT(Phones("000-000-0000"), IsEmpty());
  EXPECT_THAT(Phones("1111111111"), IsEmpty());
}

TEST(PhoneCheck, DottedNumbersAreVersionsAndAddresses) {
  EXPECT_THAT(Phones("from 192.168.100.200"), IsEmpty());
  EXPECT_THAT(Phones("version 10.15.7.2024 released"), IsEmpty());
  EXPECT_THAT(Phones("1.2.3.4.5.6.7.8.9"), IsEmpty());
}

TEST(PhoneCheck, DatesAndTimestampsAreNotPhoneNumbers) {
  EXPECT_THAT(Phones("at 2024-01-15 10:30"), IsEmpty());
  EXPECT_THAT(Phones("on 15-01-2024 1030"), IsEmpty());
  EXPECT_THAT(Phones("15.01.2024 10:30"), IsEmpty());
}

TEST(PhoneCheck, NumbersGluedToLongerNumbersOrWordsAreRejected) {
  EXPECT_THAT(Phones("order 12345678901234567890"), IsEmpty());  // 20 digits
  EXPECT_THAT(Phones("hash 123456789012345678901234567890123"), IsEmpty());
  EXPECT_THAT(Phones("id555-123-4567"), IsEmpty());
  EXPECT_THAT(Phones("555-123-4567x"), IsEmpty());
  EXPECT_THAT(Phones("555-123-4567٣"), IsEmpty());  // an Arabic-Indic digit after
}

TEST(PhoneCheck, NumbersInOtherPunctuationAreFound) {
  EXPECT_THAT(Phones("[415-555-0132]"), ElementsAre("415-555-0132"));
  EXPECT_THAT(Phones("tel:+14155550132"), ElementsAre("+14155550132"));
  EXPECT_THAT(Phones("a: 415-555-0132, b: +98 912 345 6789"),
              ElementsAre("415-555-0132", "+98 912 345 6789"));
}

TEST(FindAllSpans, NonOverlappingLeftmostAndSkipsEmptyMatches) {
  RE2 re("a+|b");
  std::vector<Span> spans;
  FindAllSpans(re, "xaab€b", &spans);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].start, 1u);
  EXPECT_EQ(spans[0].end, 3u);
  EXPECT_EQ(spans[1].start, 3u);
  EXPECT_EQ(spans[1].end, 4u);
  EXPECT_EQ(spans[2].start, 7u);  // after the 3-byte €
  EXPECT_EQ(spans[2].end, 8u);
  // Only empty matches: nothing, and no endless loop over multi-byte text.
  spans.clear();
  FindAllSpans(RE2("x*"), "€€😀", &spans);
  EXPECT_THAT(spans, IsEmpty());
}

}  // namespace
}  // namespace vigil
