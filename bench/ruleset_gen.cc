// ruleset_gen.cc — see ruleset_gen.h.
//
// Pseudo-words are built from syllables (English), from a pool of Han
// characters that bench/corpus.cc never writes (Chinese, where a term
// matches inside any run of Han text, so a common character pair would fire
// on most Chinese posts), and from Persian consonants and long vowels. Real
// words around them ("cheap", "出售", "خرید") make the phrases read like the
// lists moderators keep.
#include "ruleset_gen.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rng.h"

namespace vigil::bench {
namespace {

enum Lang { kEn, kZh, kFa, kLangCount };
constexpr const char* kLangTag[kLangCount] = {"en", "zh", "fa"};

// ------------------------------------------------------------ pseudo-words

constexpr std::string_view kOnsets[] = {
    "b",  "bl", "br", "ch", "cl", "cr",  "d",  "dr", "f",  "fl", "fr", "g", "gl", "gr", "h",
    "j",  "k",  "kl", "kr", "l",  "m",   "n",  "p",  "pl", "pr", "qu", "r", "s",  "sc", "sk",
    "sl", "sm", "sn", "sp", "st", "str", "sw", "t",  "th", "tr", "tw", "v", "w",  "z",
};
constexpr std::string_view kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou", "y"};
constexpr std::string_view kCodas[] = {"",   "",   "",   "n", "r", "x", "ck", "nd", "nk",
                                       "rt", "sh", "st", "m", "l", "z", "g",  "p",  "b"};

std::string EnglishWord(Rng& rng, size_t syllables) {
  std::string word;
  for (size_t i = 0; i < syllables; ++i) {
    word += rng.Pick(kOnsets);
    word += rng.Pick(kVowels);
    if (i + 1 == syllables || rng.Chance(0.3)) word += rng.Pick(kCodas);
  }
  return word;
}

// Han characters of moderation vocabulary that bench/corpus.cc does not use.
constexpr std::string_view kHanPool =
    "骗赌毒嫖娼枪贷彩票币返薅羊毛裸聊约炮援交赔率押注庄荷牌筹秒杀爆款神药偏壮阳减肥丸膏"
    "粉针剂仿冒高假证办刻章发开套洗钱黑卡料群托赞丝僵尸涨跌盘股基金期货杠杆翻倍稳躺捞挣"
    "贵宾豪礼抽奖红包励佣提拉头销员充值优惠券折批零售厂直正品原尾外贸渠香烟白酒茅台弹雾"
    "化冰壶麻摇叶草籽种苗猫狗鸟蛇龟鳄熊虎豹狼狐鼠猪牛马驴骡鸡鸭鹅鱼虾蟹蚌螺贝藻菌菇葱蒜"
    "姜椒盐糖醋酱油醇醛酮酯胺氯溴碘硫磷砷汞铅铬镉锌铜铁钢铝锡钨钼钛镍钴锰镁钙钾钠锂铍硼";

std::string HanWord(Rng& rng, size_t chars) {
  constexpr size_t kCount = kHanPool.size() / 3;  // every character is 3 bytes
  std::string word;
  for (size_t i = 0; i < chars; ++i) word += kHanPool.substr(3 * rng.Below(kCount), 3);
  return word;
}

constexpr std::string_view kPersianConsonants[] = {
    "ب", "پ", "ت", "ج", "چ", "خ", "د", "ر", "ز", "ژ",
    "س", "ش", "ف", "ق", "ک", "گ", "ل", "م", "ن", "ه",
};
constexpr std::string_view kPersianVowels[] = {"ا", "و", "ی"};
constexpr std::string_view kZwnj = "\u200C";

// At least five letters: shorter ones are too often real words (هم, در, گوش).
std::string PersianWord(Rng& rng, size_t syllables) {
  constexpr size_t kMinBytes = 5 * 2;  // Persian letters take two bytes
  std::string word;
  while (word.size() < kMinBytes) {
    word.clear();
    for (size_t i = 0; i < syllables; ++i) {
      word += rng.Pick(kPersianConsonants);
      if (rng.Chance(0.6)) word += rng.Pick(kPersianVowels);
      if (rng.Chance(0.5)) word += rng.Pick(kPersianConsonants);
    }
  }
  return word;
}

// ------------------------------------------------------------------ topics

enum Topic {
  kProfanity,
  kInsults,
  kThreats,
  kPromotion,
  kDrugs,
  kGambling,
  kContact,
  kBrands,
  kTopicCount
};

struct TopicSpec {
  const char* name;  // list name and rule id: <prefix>.<name>-<lang>
  const char* prefix;
  const char* guideline;
  const char* category;
  const char* severity;
  const char* action;
  const char* escalate;  // YAML flow list, or "" for none
  const char* matcher;   // words or phrases
  const char* extra;     // further keys, each line "    key: value\n"
  double share;          // of a language's terms
  const char* description;
  const char* tell_author[kLangCount];  // "" where the topic has no list
};

constexpr char kNotMarketplace[] =
    "    when:\n      channel: {not_in: [marketplace]}\n"
    "    unless:\n      author.roles: {in: [moderator, staff]}\n";
constexpr char kUntrusted[] = "    unless:\n      author.trust_level: {at_least: 2}\n";

// clang-format off
constexpr TopicSpec kTopics[kTopicCount] = {
    {"profanity", "respect", "respect", "abuse", "medium", "censor", "", "words", "", 0.20,
     "swear words",
     {"We masked some strong language. ({guideline.title}: {guideline.url})",
      "我们屏蔽了帖子里的粗口。{guideline.title}：{guideline.url}",
      "کلمات رکیک پست شما پوشانده شد. {guideline.title}: {guideline.url}"}},
    {"insults", "respect", "respect", "abuse", "high", "hold", "[moderators]", "words",
     "    fields: [title, body, author.name]\n", 0.20, "personal attacks and slurs",
     {"Your post waits for a moderator: please discuss the topic, not the person. "
      "({guideline.title}: {guideline.url})",
      "你的帖子需要版主审核：请就事论事，不要攻击他人。{guideline.title}：{guideline.url}",
      "پست شما پس از بررسی مدیر نمایش داده می‌شود. {guideline.title}: {guideline.url}"}},
    {"threats", "respect", "respect", "abuse", "critical", "reject", "[trust-and-safety, legal]",
     "words", "", 0.05, "threats of violence",
     {"Your post threatens someone and was not published. ({guideline.title}: {guideline.url})",
      "你的帖子含有威胁他人的内容，没有发布。{guideline.title}：{guideline.url}",
      "پست شما به خاطر تهدید دیگران منتشر نشد. {guideline.title}: {guideline.url}"}},
    {"promotion", "spam", "no-spam", "spam", "medium", "flag", "[moderators]", "words",
     kNotMarketplace, 0.20, "sales talk outside the marketplace",
     {"Your post looks like an advertisement; offers belong in the Marketplace. "
      "({guideline.title}: {guideline.url})",
      "你的帖子像是广告，买卖信息请发到交易区。{guideline.title}：{guideline.url}",
      "پست شما شبیه تبلیغ است. {guideline.title}: {guideline.url}"}},
    {"drugs", "spam", "no-spam", "spam", "high", "hold", "[moderators, trust-and-safety]",
     "words", "", 0.15, "drugs and counterfeit goods for sale",
     {"Posts selling drugs or counterfeit goods wait for a moderator. "
      "({guideline.title}: {guideline.url})",
      "出售违禁品或假货的帖子需要版主审核。{guideline.title}：{guideline.url}",
      "پست‌های فروش دارو و کالای تقلبی بررسی می‌شوند. {guideline.title}: {guideline.url}"}},
    {"gambling", "spam", "no-spam", "spam", "medium", "flag", "[moderators]", "words",
     kNotMarketplace, 0.10, "gambling sites and betting tips",
     {"Gambling promotion is not allowed here. ({guideline.title}: {guideline.url})",
      "这里不允许推广赌博。{guideline.title}：{guideline.url}",
      "تبلیغ شرط‌بندی مجاز نیست. {guideline.title}: {guideline.url}"}},
    {"offsite-contact", "spam", "no-spam", "spam", "medium", "hold", "[moderators]", "words",
     kUntrusted, 0.05, "off-site contact lures",
     {"Posts that move the conversation off the forum wait for a moderator. "
      "({guideline.title}: {guideline.url})",
      "引导到站外联系的帖子需要版主审核。{guideline.title}：{guideline.url}",
      "پست‌هایی که گفت‌وگو را به بیرون می‌برند بررسی می‌شوند. {guideline.title}: {guideline.url}"}},
    // Spam brands as they appear inside domains and handles ("zorvexshop"):
    // phrases, matched inside longer words.
    {"brand-fragments", "spam", "no-spam", "spam", "medium", "flag", "[moderators]", "phrases",
     kNotMarketplace, 0.05, "spam brand names inside links and handles",
     {"Your post promotes a site known for spam. ({guideline.title}: {guideline.url})", "", ""}},
};
// clang-format on

// Real moderation terms that bench/corpus.cc writes into a few percent of
// posts: every generated size fires on the same posts.
struct SeedTerm {
  Lang lang;
  Topic topic;
  const char* term;
};
// clang-format off
constexpr SeedTerm kSeedTerms[] = {
    {kEn, kProfanity, "bullshit"}, {kEn, kProfanity, "dumbass"}, {kEn, kProfanity, "wanker"},
    {kEn, kProfanity, "shitty"},
    {kEn, kInsults, "nobody likes you"}, {kEn, kInsults, "you are worthless"},
    {kEn, kInsults, "nobody wants you here"},
    {kEn, kThreats, "i will kill you"}, {kEn, kThreats, "go kill yourself"},
    {kEn, kPromotion, "make money online"}, {kEn, kPromotion, "limited time offer"},
    {kEn, kPromotion, "guaranteed profit"}, {kEn, kPromotion, "work from home opportunity"},
    {kEn, kPromotion, "earn money from home"}, {kEn, kPromotion, "click the link below"},
    {kEn, kContact, "add me on whatsapp"}, {kEn, kContact, "message me on telegram"},
    {kEn, kContact, "dm me on telegram"},
    {kZh, kProfanity, "傻叉"}, {kZh, kProfanity, "二逼"},
    {kZh, kInsults, "脑残"}, {kZh, kInsults, "人渣"},
    {kZh, kPromotion, "刷单兼职"}, {kZh, kPromotion, "兼职日结"},
    {kZh, kPromotion, "日赚千元"}, {kZh, kPromotion, "月入过万"},
    {kZh, kContact, "加我微信"}, {kZh, kContact, "加扣扣"},
    {kFa, kProfanity, "لاشی"}, {kFa, kProfanity, "پفیوز"},
    {kFa, kPromotion, "خرید فالوور"}, {kFa, kPromotion, "سود تضمینی"},
    {kFa, kPromotion, "کسب درآمد از خانه"}, {kFa, kPromotion, "سیگنال رایگان"},
    {kFa, kContact, "تلگرام پیام بده"},
};
// clang-format on

// One list term of `topic` in `lang`.
std::string EnglishTerm(Rng& rng, Topic topic) {
  static constexpr std::string_view kInflections[] = {"", "", "", "s", "ing", "er", "ed"};
  static constexpr std::string_view kInsultEnds[] = {"head", "face", "brain",
                                                     "wit",  "bag",  "stain"};
  static constexpr std::string_view kInsultAdjectives[] = {
      "stupid", "filthy", "dirty", "lazy", "ugly", "pathetic", "worthless", "brainless"};
  static constexpr std::string_view kThreatForms[] = {"i will % you", "i'll % you", "gonna % you",
                                                      "% your family", "i will % your kids"};
  static constexpr std::string_view kPromoBefore[] = {"cheap",   "free", "discount", "official",
                                                      "genuine", "best", "exclusive"};
  static constexpr std::string_view kPromoAfter[] = {"deals",    "offer", "bonus",   "coupon",
                                                     "giveaway", "store", "cashback"};
  static constexpr std::string_view kDrugEnds[] = {"ex", "ix", "ol", "ine", "ium", "azol", "ora"};
  static constexpr std::string_view kDrugPhrases[] = {"buy %",    "% pills", "% tablets",
                                                      "% online", "order %", "cheap %"};
  static constexpr std::string_view kGamblingWords[] = {"casino",  "slots", "bet",    "poker",
                                                        "jackpot", "spins", "lottery"};
  static constexpr std::string_view kContactForms[] = {
      "add me on %", "message me on %", "dm me on %", "text me on %", "find me on %"};
  static constexpr std::string_view kBrandEnds[] = {"",     "shop",  "deals", "bet",
                                                    "coin", "store", "pharm"};
  auto fill = [](std::string_view form, const std::string& word) {
    std::string out(form);
    out.replace(out.find('%'), 1, word);
    return out;
  };
  switch (topic) {
    case kProfanity:
      if (rng.Chance(0.7)) return EnglishWord(rng, 2) + std::string(rng.Pick(kInflections));
      return EnglishWord(rng, 2) + (rng.Chance(0.5) ? " off" : " you");
    case kInsults:
      if (rng.Chance(0.5))
        return EnglishWord(rng, 1 + rng.Below(2)) + std::string(rng.Pick(kInsultEnds));
      return std::string(rng.Chance(0.5) ? "you" : rng.Pick(kInsultAdjectives)) + " " +
             EnglishWord(rng, 2);
    case kThreats:
      return fill(rng.Pick(kThreatForms), EnglishWord(rng, 2));
    case kPromotion:
      if (rng.Chance(0.5)) return std::string(rng.Pick(kPromoBefore)) + " " + EnglishWord(rng, 2);
      return EnglishWord(rng, 2) + " " + std::string(rng.Pick(kPromoAfter));
    case kDrugs:
      if (rng.Chance(0.5)) return EnglishWord(rng, 2) + std::string(rng.Pick(kDrugEnds));
      return fill(rng.Pick(kDrugPhrases), EnglishWord(rng, 2));
    case kGambling:
      return EnglishWord(rng, 2) + " " + std::string(rng.Pick(kGamblingWords));
    case kContact:
      return fill(rng.Pick(kContactForms), EnglishWord(rng, 2));
    case kBrands:
      return EnglishWord(rng, 3) + std::string(rng.Pick(kBrandEnds));
    case kTopicCount:
      break;
  }
  return "";
}

std::string ChineseTerm(Rng& rng, Topic topic) {
  static constexpr std::string_view kInsultBefore[] = {"死", "臭", "狗", "蠢", "贱"};
  static constexpr std::string_view kThreatBefore[] = {"我要", "信不信我", "早晚"};
  static constexpr std::string_view kPromoBefore[] = {"出售",   "低价", "代办",    "诚招",
                                                      "免费领", "批发", "高价回收"};
  static constexpr std::string_view kPromoAfter[] = {"代理", "返利", "秒杀", "团购"};
  static constexpr std::string_view kDrugBefore[] = {"出售", "求购", "代购", "批发"};
  static constexpr std::string_view kDrugAfter[] = {"", "粉", "丸", "水", "片"};
  static constexpr std::string_view kGamblingWords[] = {"娱乐", "彩票",   "棋牌",
                                                        "网投", "百家乐", "博彩"};
  static constexpr std::string_view kContactBefore[] = {"加", "私聊", "联系", "关注"};
  switch (topic) {
    case kProfanity:
      return HanWord(rng, 2 + rng.Below(2));
    case kInsults:
      return std::string(rng.Pick(kInsultBefore)) + HanWord(rng, 2);
    case kThreats:
      return std::string(rng.Pick(kThreatBefore)) + HanWord(rng, 1 + rng.Below(2)) + "你";
    case kPromotion:
      if (rng.Chance(0.6)) return std::string(rng.Pick(kPromoBefore)) + HanWord(rng, 2);
      return HanWord(rng, 2) + std::string(rng.Pick(kPromoAfter));
    case kDrugs:
      return std::string(rng.Pick(kDrugBefore)) + HanWord(rng, 2) +
             std::string(rng.Pick(kDrugAfter));
    case kGambling:
      return HanWord(rng, 2) + std::string(rng.Pick(kGamblingWords));
    case kContact:
      return std::string(rng.Pick(kContactBefore)) + HanWord(rng, 2);
    case kBrands:
    case kTopicCount:
      break;
  }
  return "";
}

std::string PersianTerm(Rng& rng, Topic topic) {
  static constexpr std::string_view kInsultWords[] = {"آشغال", "بی‌شعور", "احمق", "عوضی"};
  static constexpr std::string_view kPromoBefore[] = {"خرید", "فروش", "تخفیف", "پکیج"};
  static constexpr std::string_view kPromoAfter[] = {"ارزان", "رایگان", "ویژه", "اصل"};
  static constexpr std::string_view kDrugBefore[] = {"فروش", "خرید", "تهیه"};
  static constexpr std::string_view kGamblingWords[] = {"بت", "کازینو", "پوکر"};
  static constexpr std::string_view kContactBefore[] = {"کانال", "پیج", "آیدی", "گروه"};
  switch (topic) {
    case kProfanity:
      return PersianWord(rng, 2);
    case kInsults:
      if (rng.Chance(0.5)) return std::string(rng.Pick(kInsultWords)) + " " + PersianWord(rng, 2);
      return PersianWord(rng, 2) + " " + std::string(rng.Pick(kInsultWords));
    case kThreats:  // a verb with the prefix می‌ and the object suffix ـت: می‌کشمت
      return "می" + std::string(kZwnj) + PersianWord(rng, 2) + "مت";
    case kPromotion:
      if (rng.Chance(0.5)) return std::string(rng.Pick(kPromoBefore)) + " " + PersianWord(rng, 2);
      return PersianWord(rng, 2) + " " + std::string(rng.Pick(kPromoAfter));
    case kDrugs:
      return std::string(rng.Pick(kDrugBefore)) + " " + PersianWord(rng, 2);
    case kGambling:
      return PersianWord(rng, 2) + " " + std::string(rng.Pick(kGamblingWords));
    case kContact:
      return std::string(rng.Pick(kContactBefore)) + " " + PersianWord(rng, 2);
    case kBrands:
    case kTopicCount:
      break;
  }
  return "";
}

std::string MakeTerm(Rng& rng, Lang lang, Topic topic) {
  switch (lang) {
    case kEn:
      return EnglishTerm(rng, topic);
    case kZh:
      return ChineseTerm(rng, topic);
    default:
      return PersianTerm(rng, topic);
  }
}

// ----------------------------------------------------------------- regexes

// Each family is one kind of rule; its regexes go ten to a rule.
enum Family {
  kSpamDomain,
  kReferralLink,
  kBuyNow,
  kPharmacy,
  kContactLure,
  kMoneyClaim,
  kPromoCode,
  kContactLureZh,
  kGamblingZh,
  kContactLureFa,
  kPromotionFa,
  kCryptoGiveaway,
  kNoise,
  kFamilyCount
};

struct FamilySpec {
  const char* name;
  const char* severity;
  const char* action;
  const char* escalate;
  const char* extra;
  const char* tell_author;
};

constexpr FamilySpec kFamilies[kFamilyCount] = {
    {"spam-domain", "medium", "flag", "[moderators]", "",
     "Links to known spam sites are reported to the moderators. ({guideline.title}: "
     "{guideline.url})"},
    {"referral-link", "low", "flag", "[moderators]", kNotMarketplace,
     "Referral and affiliate links are not allowed outside the Marketplace. ({guideline.title}: "
     "{guideline.url})"},
    {"buy-now", "medium", "flag", "[moderators]", kNotMarketplace,
     "Your post looks like an advertisement. ({guideline.title}: {guideline.url})"},
    {"pharmacy", "high", "hold", "[moderators, trust-and-safety]", "",
     "Posts selling medicines wait for a moderator. ({guideline.title}: {guideline.url})"},
    {"contact-lure", "medium", "hold", "[moderators]", kUntrusted,
     "Posts that move the conversation off the forum wait for a moderator. ({guideline.title}: "
     "{guideline.url})"},
    {"money-claim", "medium", "flag", "[moderators]", kNotMarketplace,
     "Get-rich-quick claims are reported to the moderators. ({guideline.title}: {guideline.url})"},
    {"promo-code", "low", "flag", "[moderators]", kNotMarketplace,
     "Promo and referral codes belong in the Marketplace. ({guideline.title}: {guideline.url})"},
    {"contact-lure-zh", "medium", "hold", "[moderators]", kUntrusted,
     "引导到站外联系的帖子需要版主审核。{guideline.title}：{guideline.url}"},
    {"gambling-zh", "medium", "flag", "[moderators]", kNotMarketplace,
     "这里不允许推广赌博。{guideline.title}：{guideline.url}"},
    {"contact-lure-fa", "medium", "hold", "[moderators]", kUntrusted,
     "پست‌هایی که گفت‌وگو را به بیرون می‌برند بررسی "
     "می‌شوند. "
     "{guideline.title}: "
     "{guideline.url}"},
    {"promotion-fa", "medium", "flag", "[moderators]", kNotMarketplace,
     "پست شما شبیه تبلیغ است. {guideline.title}: {guideline.url}"},
    {"crypto-giveaway", "high", "hold", "[moderators]", "",
     "Crypto giveaways are a common scam; your post waits for a moderator. ({guideline.title}: "
     "{guideline.url})"},
    {"noise", "low", "flag", "[moderators]", "    mode: dry_run\n",
     "Long runs of punctuation make posts hard to read. ({guideline.title}: {guideline.url})"},
};

struct GeneratedRegex {
  Family family;
  std::string pattern;
};

// Regexes that fire on the corpus's spam (as kSeedTerms do for lists).
const GeneratedRegex kSeedRegexes[] = {
    {kBuyNow, "buy (?:[a-z]{1,12} ){0,2}now"},
    {kSpamDomain, R"(https?://(?:best-deals-shop|crypto-signals)\.example)"},
    {kContactLure, "(?:add|contact|message|dm) me on (?:whatsapp|telegram)"},
    {kMoneyClaim, "(?:make|earn) money (?:online|from home)"},
    {kContactLureZh, "加我?(?:微信|扣扣)"},
    {kPromotionFa, "(?:خرید|فروش) فالوور"},
};

// Runs of one punctuation mark. RE2 and Hyperscan have no backreferences,
// so each mark is spelled out. Full-width marks are left out: the folded
// view regexes run on turns them into ASCII.
const char* const kNoiseRegexes[] = {
    "!{6,}",      R"(\?{6,})", "[!?]{3,}1{2,}", R"(\${3,})",    "€{3,}", R"(\*{8,})",
    "={10,}",     "~{8,}",     "#{6,}",         "。{5,}",       "،{4,}", "؟{4,}",
    R"(\.{10,})", "-{12,}",    "_{10,}",        "(?:[?]!){4,}",
};

// One regex of `family`, anchored on a brand name `brand` (lower-case ASCII)
// or, for Chinese and Persian families, a pseudo-word of that script.
std::string MakeRegex(Rng& rng, Family family, const std::string& brand) {
  switch (family) {
    case kSpamDomain:
      return R"(https?://(?:www\.)?)" + brand +
             R"((?:-?[a-z0-9]{1,8})?\.(?:com|net|xyz|top|shop|club|site|online))";
    case kReferralLink:
      return "[?&/](?:ref|aff|promo|invite)[=/_-]" + brand + "[0-9]{0,6}";
    case kBuyNow:
      return "buy (?:cheap |real |genuine |original )?" + brand +
             "(?: [a-z0-9]{1,12}){0,2} (?:now|today|online)";
    case kPharmacy:
      return "(?:order|get|buy) " + brand +
             " (?:online|overnight|without (?:a )?prescription|no rx)";
    case kContactLure:
      return "(?:dm|message|text|contact|add) (?:me|us) (?:on|via|at) "
             "(?:telegram|whatsapp|signal|kik|snapchat)[ :]{1,3}@?" +
             brand + "[a-z0-9_]{0,12}";
    case kMoneyClaim:
      return R"((?:earn|make) (?:up to )?\$ ?[0-9]{2,5}(?:,[0-9]{3})? (?:a|per|every) )"
             "(?:day|week|hour) (?:with|on|at) " +
             brand;
    case kPromoCode:
      return "(?:promo|coupon|referral|bonus|invite) code:? ?" + brand + "[0-9]{2,4}";
    case kContactLureZh:
      return "(?:加|[+]) ?(?:微信|薇信|威信|vx|v信|wx|扣扣|qq)[：: ]{0,2}" + brand + "[0-9_]{0,8}";
    case kGamblingZh:
      return HanWord(rng, 2) +
             "(?:娱乐|彩票|棋牌|平台|国际)(?:注册|首充|充值)?(?:送|返)[0-9]{1,4}(?:元|%)";
    case kContactLureFa:
      return "(?:کانال|پیج|آیدی|ایدی) ?(?:تلگرام|اینستا|اینستاگرام)[ :]{0,2}@?" + brand +
             "[a-z0-9_]{0,10}";
    case kPromotionFa:
      return PersianWord(rng, 2) + " (?:با )?[0-9]{1,3} ?(?:درصد|٪|%) (?:سود|تخفیف)";
    case kCryptoGiveaway:
      return brand +
             " (?:airdrop|giveaway|presale|token sale)(?: is)? (?:live|open|now open|ending soon)";
    case kNoise:
    case kFamilyCount:
      break;
  }
  return "";
}

std::vector<GeneratedRegex> MakeRegexes(Rng& rng, size_t count) {
  std::vector<GeneratedRegex> out;
  for (const GeneratedRegex& seed : kSeedRegexes) {
    if (out.size() < count) out.push_back(seed);
  }
  for (const char* noise : kNoiseRegexes) {
    if (out.size() < count) out.push_back({kNoise, noise});
  }
  std::unordered_set<std::string> brands;
  for (size_t i = 0; out.size() < count; ++i) {
    const Family family = static_cast<Family>(i % kNoise);
    std::string brand;
    do {
      brand = EnglishWord(rng, 2);
    } while (brand.size() < 5 || !brands.insert(brand).second);
    out.push_back({family, MakeRegex(rng, family, brand)});
  }
  return out;
}

// ------------------------------------------------------------------- YAML

constexpr char kHeader[] = R"yaml(format: 1

guidelines:
  privacy:
    title: Keep private information private
    url: "https://forum.example/guidelines#privacy"
  respect:
    title: Respect everyone
    url: "https://forum.example/guidelines#respect"
  no-spam:
    title: No spam or unsolicited promotion
    url: "https://forum.example/guidelines#no-spam"

escalations:
  moderators: {priority: normal, description: Volunteer moderators; review queue}
  trust-and-safety: {priority: high, description: Staff trust and safety team}
  legal: {priority: urgent, description: Legal team; threats of violence and doxxing}

)yaml";

// The detector rules of rules/community-default.yaml, without their tests
// and notes: generating them keeps the folder self-contained (an include
// of the default ruleset would also bring its word lists).
constexpr char kDetectorRules[] = R"yaml(
  - id: privacy.email
    guideline: privacy
    category: private_info
    detect: email
    unless:
      author.roles: {in: [moderator, staff]}
    action: redact
    replacement: "[email removed]"
    tell_author: "We hid an email address in your post. ({guideline.title}: {guideline.url})"

  - id: privacy.phone
    guideline: privacy
    category: private_info
    detect: phone
    unless:
      author.roles: {in: [moderator, staff]}
    action: redact
    replacement: "[phone removed]"
    tell_author: "We hid a phone number in your post. ({guideline.title}: {guideline.url})"

  - id: privacy.card-number
    guideline: privacy
    category: private_info
    severity: high
    detect: credit_card
    min_confidence: 0.5
    action: redact
    redact_style: shape
    escalate: [trust-and-safety]
    tell_author: "We hid the card number in your post. ({guideline.title}: {guideline.url})"

  - id: privacy.iban
    guideline: privacy
    category: private_info
    detect: iban
    min_confidence: 0.5
    action: redact
    redact_style: shape
    tell_author: "We hid the bank account number in your post. ({guideline.title}: {guideline.url})"

  - id: privacy.us-ssn
    guideline: privacy
    category: private_info
    severity: high
    detect: us_ssn
    min_confidence: 0.5
    action: redact
    replacement: "[SSN removed]"
    escalate: [trust-and-safety]
    tell_author: "We removed a Social Security number from your post. ({guideline.title}: {guideline.url})"

  - id: privacy.cn-resident-id
    guideline: privacy
    category: private_info
    severity: high
    detect: cn_resident_id
    min_confidence: 0.5
    action: redact
    replacement: "[ID number removed]"
    escalate: [trust-and-safety]
    tell_author: "我们删除了帖子里的身份证号码。{guideline.title}：{guideline.url}"

  - id: privacy.ir-national-id
    guideline: privacy
    category: private_info
    severity: high
    detect: ir_national_id
    min_confidence: 0.5
    action: redact
    replacement: "[ID number removed]"
    escalate: [trust-and-safety]
    tell_author: "کد ملی را از پست شما حذف کردیم. {guideline.title}: {guideline.url}"

  - id: privacy.ip-address
    guideline: privacy
    category: private_info
    severity: low
    detect: ip_address
    min_confidence: 0.6
    mode: dry_run
    action: flag
    escalate: [moderators]
    tell_author: "Your post includes an IP address. ({guideline.title}: {guideline.url})"

  - id: privacy.crypto-wallet
    guideline: privacy
    category: private_info
    severity: low
    detect: crypto_wallet
    min_confidence: 0.8
    unless:
      author.trust_level: {at_least: 2}
    action: flag
    escalate: [moderators]
    tell_author: "Your post includes a cryptocurrency wallet address. ({guideline.title}: {guideline.url})"

  - id: privacy.secret
    guideline: privacy
    category: private_info
    severity: high
    detect: secret
    min_confidence: 0.5
    action: redact
    replacement: "[secret removed]"
    escalate: [trust-and-safety]
    tell_author: "We removed what looks like a credential; revoke it now. ({guideline.title}: {guideline.url})"

  - id: privacy.id-number-list-ir
    guideline: privacy
    category: private_info
    severity: critical
    detect: ir_national_id
    min_confidence: 0.5
    min_count: 2
    action: hold
    escalate: [trust-and-safety, legal]

  - id: privacy.id-number-list-cn
    guideline: privacy
    category: private_info
    severity: critical
    detect: cn_resident_id
    min_confidence: 0.5
    min_count: 2
    action: hold
    escalate: [trust-and-safety, legal]

  - id: privacy.id-number-list-us
    guideline: privacy
    category: private_info
    severity: critical
    detect: us_ssn
    min_confidence: 0.5
    min_count: 2
    action: hold
    escalate: [trust-and-safety, legal]

  - id: spam.new-member-links
    guideline: no-spam
    category: spam
    detect: url
    min_count: 3
    when:
      author.trust_level: {below: 1}
    action: hold
    escalate: [moderators]
    tell_author: "New members can post a few links at a time. ({guideline.title}: {guideline.url})"
)yaml";

struct GeneratedList {
  Lang lang;
  Topic topic;
  size_t size;  // planned number of terms
  std::vector<std::string> terms;
};

std::string ListName(const GeneratedList& list) {
  return std::string(kTopics[list.topic].name) + "-" + kLangTag[list.lang];
}

std::string ListFile(const GeneratedList& list) {
  return std::string("lists/") + kLangTag[list.lang] + "/" + kTopics[list.topic].name + ".txt";
}

// Splits `total` over the topics `lang` has, by share; the last one takes
// the rounding remainder.
std::vector<GeneratedList> PlanLists(Lang lang, size_t total) {
  std::vector<GeneratedList> lists;
  double shares = 0;
  for (int t = 0; t < kTopicCount; ++t) {
    if (*kTopics[t].tell_author[lang] != '\0') shares += kTopics[t].share;
  }
  size_t planned = 0;
  for (int t = 0; t < kTopicCount; ++t) {
    if (*kTopics[t].tell_author[lang] == '\0') continue;
    const size_t n = static_cast<size_t>(static_cast<double>(total) * kTopics[t].share / shares);
    lists.push_back({lang, static_cast<Topic>(t), n, {}});
    planned += n;
  }
  lists.back().size += total - planned;
  return lists;
}

// Fills `list` with its planned number of distinct terms: the seed terms of
// its language and topic first, then pseudo-words.
void FillList(Rng& rng, GeneratedList* list, std::unordered_set<std::string>* seen) {
  for (const SeedTerm& seed : kSeedTerms) {
    if (seed.lang == list->lang && seed.topic == list->topic && list->terms.size() < list->size &&
        seen->insert(seed.term).second) {
      list->terms.push_back(seed.term);
    }
  }
  while (list->terms.size() < list->size) {
    std::string term = MakeTerm(rng, list->lang, list->topic);
    if (seen->insert(term).second) list->terms.push_back(std::move(term));
  }
}

bool WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "ruleset_gen: cannot write %s\n", path.string().c_str());
    return false;
  }
  return true;
}

void AppendRuleHead(std::string* yaml, const std::string& id, const char* guideline,
                    const char* category, const char* severity) {
  *yaml += "\n  - id: " + id + "\n    guideline: " + guideline + "\n    category: " + category +
           "\n    severity: " + severity + "\n";
}

void AppendRuleTail(std::string* yaml, const char* extra, const char* action, const char* escalate,
                    const char* tell_author) {
  *yaml += extra;
  *yaml += std::string("    action: ") + action + "\n";
  if (*escalate != '\0') *yaml += std::string("    escalate: ") + escalate + "\n";
  *yaml += std::string("    tell_author: \"") + tell_author + "\"\n";
}

}  // namespace

std::string WriteGeneratedRuleset(const std::string& dir, const RulesetGenOptions& options,
                                  RulesetGenStats* stats) {
  Rng rng(options.seed);
  const size_t zh = options.terms * 15 / 100;
  const size_t fa = options.terms * 10 / 100;
  const size_t per_lang[kLangCount] = {options.terms - zh - fa, zh, fa};

  std::vector<GeneratedList> lists;
  std::unordered_set<std::string> seen;
  for (int lang = 0; lang < kLangCount; ++lang) {
    for (GeneratedList& list : PlanLists(static_cast<Lang>(lang), per_lang[lang])) {
      FillList(rng, &list, &seen);
      if (!list.terms.empty()) lists.push_back(std::move(list));
    }
  }
  const std::vector<GeneratedRegex> regexes = MakeRegexes(rng, options.regexes);

  const std::filesystem::path root(dir);
  for (const GeneratedList& list : lists) {
    std::string text = "# Generated by vigil_gen_ruleset (bench/ruleset_gen.cc), seed " +
                       std::to_string(options.seed) + ": " + kTopics[list.topic].description +
                       " (" + kLangTag[list.lang] +
                       "). Pseudo-words and phrases, and a few real terms the benchmark\n"
                       "# corpus contains.\n";
    for (const std::string& term : list.terms) text += term + "\n";
    if (!WriteFile(root / ListFile(list), text)) return "";
  }

  std::string yaml =
      "# Generated by vigil_gen_ruleset (bench/ruleset_gen.cc): " + std::to_string(options.terms) +
      " list terms, " + std::to_string(options.regexes) + " regexes, seed " +
      std::to_string(options.seed) + ". Do not edit; regenerate.\n" + "ruleset: generated-" +
      std::to_string(options.terms) + "-terms\n" + kHeader;
  if (!lists.empty()) yaml += "lists:\n";  // an empty mapping is an error
  for (const GeneratedList& list : lists) {
    yaml += "  " + ListName(list) + ": {file: " + ListFile(list) + ", description: \"" +
            kTopics[list.topic].description + "\"}\n";
  }
  yaml += "\nrules:\n";
  yaml += kDetectorRules;
  size_t rules = 0;
  for (size_t at = 0;
       (at = std::string_view(kDetectorRules).find("  - id: ", at)) != std::string_view::npos;
       ++at) {
    ++rules;
  }
  for (const GeneratedList& list : lists) {
    const TopicSpec& topic = kTopics[list.topic];
    AppendRuleHead(&yaml, std::string(topic.prefix) + "." + ListName(list), topic.guideline,
                   topic.category, topic.severity);
    yaml += std::string("    ") + topic.matcher + ": {list: " + ListName(list) + "}\n";
    AppendRuleTail(&yaml, topic.extra, topic.action, topic.escalate, topic.tell_author[list.lang]);
    ++rules;
  }
  // Ten regexes per rule, in families, as a moderation team adds them one
  // spam campaign at a time.
  constexpr size_t kRegexesPerRule = 10;
  for (int f = 0; f < kFamilyCount; ++f) {
    std::vector<const std::string*> patterns;
    for (const GeneratedRegex& r : regexes) {
      if (r.family == f) patterns.push_back(&r.pattern);
    }
    const FamilySpec& family = kFamilies[f];
    for (size_t first = 0; first < patterns.size(); first += kRegexesPerRule) {
      char id[64];
      std::snprintf(id, sizeof id, "spam.%s-%02zu", family.name, first / kRegexesPerRule + 1);
      AppendRuleHead(&yaml, id, "no-spam", "spam", family.severity);
      yaml += "    regex:\n";
      for (size_t i = first; i < patterns.size() && i < first + kRegexesPerRule; ++i) {
        yaml += "      - '" + *patterns[i] + "'\n";
      }
      AppendRuleTail(&yaml, family.extra, family.action, family.escalate, family.tell_author);
      ++rules;
    }
  }
  const std::filesystem::path yaml_path = root / "ruleset.yaml";
  if (!WriteFile(yaml_path, yaml)) return "";

  if (stats != nullptr) {
    *stats = RulesetGenStats();
    stats->rules = rules;
    stats->regexes = regexes.size();
    for (const GeneratedList& list : lists) {
      size_t* by_lang[kLangCount] = {&stats->terms_en, &stats->terms_zh, &stats->terms_fa};
      *by_lang[list.lang] += list.terms.size();
      stats->terms += list.terms.size();
    }
  }
  return yaml_path.string();
}

}  // namespace vigil::bench
