// driver/json.cpp — recursive-descent JSON parser (see json.h). Validates the full RFC 8259 grammar,
// decodes \uXXXX escapes (including surrogate pairs) to UTF-8, and caps nesting depth so hostile input
// cannot exhaust the stack.
#include "driver/json.h"

#include <charconv>

namespace wasmc::driver {

std::optional<uint64_t> Json::asUint() const {
  if (kind_ != Kind::Number || text_.empty()) return std::nullopt;
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (ec != std::errc() || p != text_.data() + text_.size()) return std::nullopt;
  return v;
}

const Json* Json::find(std::string_view key) const {
  for (const auto& [k, v] : members_)
    if (k == key) return &v;
  return nullptr;
}

namespace {

constexpr int kMaxDepth = 512;

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Expected<Json> parseDocument() {
    skipWs();
    Json v;
    if (auto st = parseValue(v, 0); !st) return st.takeError();
    skipWs();
    if (pos_ != s_.size()) return fail("unexpected text after the JSON value");
    return v;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;

  Error fail(const char* what) const { return Error::at(pos_, what); }
  bool atEnd() const { return pos_ >= s_.size(); }
  char peek() const { return s_[pos_]; }

  void skipWs() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }

  bool consumeWord(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

  Status parseValue(Json& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    if (atEnd()) return fail("unexpected end of input");
    switch (peek()) {
      case '{': return parseObject(out, depth);
      case '[': return parseArray(out, depth);
      case '"': {
        std::string s;
        if (auto st = parseString(s); !st) return st;
        out = Json::string(std::move(s));
        return {};
      }
      case 't':
        if (!consumeWord("true")) return fail("invalid literal");
        out = Json::boolean(true);
        return {};
      case 'f':
        if (!consumeWord("false")) return fail("invalid literal");
        out = Json::boolean(false);
        return {};
      case 'n':
        if (!consumeWord("null")) return fail("invalid literal");
        out = Json::null();
        return {};
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parseNumber(out);
        return fail("unexpected character");
    }
  }

  Status parseObject(Json& out, int depth) {
    ++pos_;  // '{'
    out = Json::object();
    skipWs();
    if (!atEnd() && peek() == '}') { ++pos_; return {}; }
    for (;;) {
      skipWs();
      if (atEnd() || peek() != '"') return fail("expected a member name");
      std::string key;
      if (auto st = parseString(key); !st) return st;
      skipWs();
      if (atEnd() || peek() != ':') return fail("expected ':'");
      ++pos_;
      skipWs();
      Json v;
      if (auto st = parseValue(v, depth + 1); !st) return st;
      out.add(std::move(key), std::move(v));
      skipWs();
      if (atEnd()) return fail("unexpected end of input in object");
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == '}') { ++pos_; return {}; }
      return fail("expected ',' or '}'");
    }
  }

  Status parseArray(Json& out, int depth) {
    ++pos_;  // '['
    out = Json::array();
    skipWs();
    if (!atEnd() && peek() == ']') { ++pos_; return {}; }
    for (;;) {
      skipWs();
      Json v;
      if (auto st = parseValue(v, depth + 1); !st) return st;
      out.push(std::move(v));
      skipWs();
      if (atEnd()) return fail("unexpected end of input in array");
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == ']') { ++pos_; return {}; }
      return fail("expected ',' or ']'");
    }
  }

  static bool isDigit(char c) { return c >= '0' && c <= '9'; }

  Status parseNumber(Json& out) {
    size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (atEnd() || !isDigit(peek())) return fail("invalid number");
    if (peek() == '0') {
      ++pos_;
    } else {
      while (!atEnd() && isDigit(peek())) ++pos_;
    }
    if (!atEnd() && peek() == '.') {
      ++pos_;
      if (atEnd() || !isDigit(peek())) return fail("invalid number");
      while (!atEnd() && isDigit(peek())) ++pos_;
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!atEnd() && (peek() == '+' || peek() == '-')) ++pos_;
      if (atEnd() || !isDigit(peek())) return fail("invalid number");
      while (!atEnd() && isDigit(peek())) ++pos_;
    }
    out = Json::number(std::string(s_.substr(start, pos_ - start)));
    return {};
  }

  bool hex4(uint32_t& v) {
    if (s_.size() - pos_ < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      uint32_t d;
      if (c >= '0' && c <= '9') d = uint32_t(c - '0');
      else if (c >= 'a' && c <= 'f') d = uint32_t(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') d = uint32_t(c - 'A' + 10);
      else return false;
      v = v * 16 + d;
    }
    return true;
  }

  static void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }

  Status parseString(std::string& out) {
    ++pos_;  // '"'
    for (;;) {
      if (atEnd()) return fail("unterminated string");
      char c = s_[pos_];
      if (c == '"') { ++pos_; return {}; }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') { out += c; ++pos_; continue; }
      ++pos_;
      if (atEnd()) return fail("unterminated string");
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) return fail("invalid \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (!consumeWord("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF)
              return fail("unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("unpaired surrogate in \\u escape");
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          return fail("invalid escape");
      }
    }
  }
};

}  // namespace

Expected<Json> parseJson(std::string_view text) { return Parser(text).parseDocument(); }

}  // namespace wasmc::driver
