// post_json.cc — see post_json.h. Uses simdjson's DOM API with error codes
// (no exceptions): the DOM validates the whole line, UTF-8 included, before
// we look at a single field.
#include "post_json.h"

#include <charconv>
#include <cstdint>

#include "json_text.h"

namespace vigil::cli {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

const char* TypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64: return "an integer";
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

bool WrongType(const std::string& field, const char* expected, element value,
               PostError* error) {
  error->kind = kErrorInvalidPost;
  error->message = "field \"" + field + "\": expected " + expected + ", got " +
                   TypeName(value.type());
  return false;
}

vigil_str Str(std::string_view text) { return vigil_str{text.data(), text.size()}; }

bool ReadString(element value, const char* field, vigil_str* out, PostError* error) {
  if (value.is_null()) return true;
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return WrongType(field, "a string", value, error);
  }
  *out = Str(text);
  return true;
}

bool ReadStringArray(element value, const char* field, std::vector<vigil_str>* items,
                     const vigil_str** out, size_t* count, PostError* error) {
  items->clear();
  if (value.is_null()) return true;
  simdjson::dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) {
    return WrongType(field, "an array of strings", value, error);
  }
  for (element item : array) {
    std::string_view text;
    if (item.get_string().get(text) != simdjson::SUCCESS) {
      return WrongType(std::string(field) + "[" + std::to_string(items->size()) + "]",
                       "a string", item, error);
    }
    items->push_back(Str(text));
  }
  // links == NULL asks the library to extract links from the body; an empty
  // array in the JSON means "no links", so it must not become NULL.
  static const vigil_str kNoItems{nullptr, 0};
  *out = items->empty() ? &kNoItems : items->data();
  *count = items->size();
  return true;
}

bool ReadInteger(element value, const char* field, int64_t* out, PostError* error) {
  if (value.is_null()) return true;
  if (value.type() == element_type::UINT64) {
    error->kind = kErrorInvalidPost;
    error->message = std::string("field \"") + field + "\": integer out of range";
    return false;
  }
  int64_t number = 0;
  if (value.type() != element_type::INT64 || value.get_int64().get(number)) {
    return WrongType(field, "an integer", value, error);
  }
  *out = number;
  return true;
}

// A number written as the id: its decimal text ("17"), the way it is echoed.
void NumberText(element value, std::string* text) {
  char digits[32];
  std::to_chars_result result{};
  switch (value.type()) {
    case element_type::INT64:
      result = std::to_chars(digits, digits + sizeof digits, int64_t(value.get_int64().value_unsafe()));
      break;
    case element_type::UINT64:
      result = std::to_chars(digits, digits + sizeof digits, uint64_t(value.get_uint64().value_unsafe()));
      break;
    default:
      result = std::to_chars(digits, digits + sizeof digits, double(value.get_double().value_unsafe()));
      break;
  }
  text->assign(digits, result.ptr);
}

}  // namespace

bool JsonPostParser::ReadId(element value, const char* field, std::string* text,
                            vigil_str* out, PostError* error) {
  if (value.is_null()) return true;
  if (value.is_string()) return ReadString(value, field, out, error);
  if (value.is_number()) {
    NumberText(value, text);
    *out = Str(*text);
    return true;
  }
  return WrongType(field, "a string or a number", value, error);
}

void JsonPostParser::RecoverId(std::string_view line) {
  repaired_.assign(line);
  ReplaceInvalidUtf8(&repaired_);
  element doc;
  simdjson::dom::object object;
  element value;
  if (recovery_parser_.parse(repaired_).get(doc) || doc.get_object().get(object) ||
      object["id"].get(value)) {
    return;
  }
  vigil_str id{nullptr, 0};
  PostError ignored;
  std::string text;
  if (!ReadId(value, "id", &text, &id, &ignored) || id.data == nullptr) return;
  id_text_.assign(id.data, id.size);
  id_ = id_text_;
  has_id_ = true;
}

bool JsonPostParser::Parse(std::string_view line, vigil_post* post, PostError* error) {
  *post = VIGIL_POST_INIT;
  has_id_ = false;
  id_ = {};

  element doc;
  simdjson::error_code code = parser_.parse(line.data(), line.size()).get(doc);
  if (code == simdjson::UTF8_ERROR) {
    error->kind = kErrorInvalidUtf8;
    error->message = "invalid UTF-8 at byte " + std::to_string(FindInvalidUtf8(line)) +
                     " of the line";
    RecoverId(line);
    return false;
  }
  if (code != simdjson::SUCCESS) {
    error->kind = kErrorMalformedJson;
    error->message = simdjson::error_message(code);
    return false;
  }
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) {
    error->kind = kErrorInvalidPost;
    error->message = std::string("a post must be a JSON object, not ") + TypeName(doc.type());
    return false;
  }

  // The id first, so that a record for a post rejected later still names it.
  element id;
  if (object["id"].get(id) == simdjson::SUCCESS) {
    if (!ReadId(id, "id", &id_text_, &post->id, error)) return false;
    if (post->id.data != nullptr) {
      id_ = std::string_view(post->id.data, post->id.size);
      has_id_ = true;
    }
  }

  for (simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    const element value = field.value;
    bool ok = true;
    if (key == "title") {
      ok = ReadString(value, "title", &post->title, error);
    } else if (key == "body") {
      ok = ReadString(value, "body", &post->body, error);
    } else if (key == "channel") {
      ok = ReadString(value, "channel", &post->channel, error);
    } else if (key == "lang") {
      ok = ReadString(value, "lang", &post->lang, error);
    } else if (key == "links") {
      ok = ReadStringArray(value, "links", &links_, &post->links, &post->link_count, error);
    } else if (key == "author") {
      if (value.is_null()) continue;
      simdjson::dom::object author;
      if (value.get_object().get(author) != simdjson::SUCCESS) {
        return WrongType("author", "an object", value, error);
      }
      for (simdjson::dom::key_value_pair author_field : author) {
        const std::string_view name = author_field.key;
        const element author_value = author_field.value;
        if (name == "id") {
          ok = ReadId(author_value, "author.id", &author_id_text_, &post->author_id, error);
        } else if (name == "name") {
          ok = ReadString(author_value, "author.name", &post->author_name, error);
        } else if (name == "trust_level") {
          ok = ReadInteger(author_value, "author.trust_level", &post->author_trust_level, error);
        } else if (name == "account_age_days") {
          ok = ReadInteger(author_value, "author.account_age_days",
                           &post->author_account_age_days, error);
        } else if (name == "post_count") {
          ok = ReadInteger(author_value, "author.post_count", &post->author_post_count, error);
        } else if (name == "roles") {
          ok = ReadStringArray(author_value, "author.roles", &roles_, &post->author_roles,
                               &post->author_role_count, error);
        }
        if (!ok) return false;
      }
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace vigil::cli
