// driver/json.h — a small JSON reader for wast2json's output (RFC 8259 syntax, UTF-8 strings).
// Numbers keep their source text (wast2json writes 64-bit patterns as strings, but lines are numbers),
// objects keep member order. Errors carry the byte offset; the parser never throws and limits nesting.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/diag.h"

namespace wasmc::driver {

class Json {
 public:
  enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };

  Json() = default;
  static Json null() { return Json(); }
  static Json boolean(bool b) { Json j; j.kind_ = Kind::Bool; j.bool_ = b; return j; }
  static Json number(std::string text) { Json j; j.kind_ = Kind::Number; j.text_ = std::move(text); return j; }
  static Json string(std::string s) { Json j; j.kind_ = Kind::String; j.text_ = std::move(s); return j; }
  static Json array() { Json j; j.kind_ = Kind::Array; return j; }
  static Json object() { Json j; j.kind_ = Kind::Object; return j; }

  Kind kind() const { return kind_; }
  bool isNull() const { return kind_ == Kind::Null; }
  bool isBool() const { return kind_ == Kind::Bool; }
  bool isNumber() const { return kind_ == Kind::Number; }
  bool isString() const { return kind_ == Kind::String; }
  bool isArray() const { return kind_ == Kind::Array; }
  bool isObject() const { return kind_ == Kind::Object; }

  bool asBool() const { return bool_; }
  // String contents (decoded), or a number's source text.
  const std::string& text() const { return text_; }
  // A number that is a non-negative integer fitting in 64 bits; nullopt otherwise.
  std::optional<uint64_t> asUint() const;

  const std::vector<Json>& items() const { return items_; }
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }
  size_t size() const { return isObject() ? members_.size() : items_.size(); }
  const Json& operator[](size_t i) const { return items_[i]; }
  // The first member named `key`, or null when absent (or when this is not an object).
  const Json* find(std::string_view key) const;

  void push(Json v) { items_.push_back(std::move(v)); }
  void add(std::string key, Json v) { members_.emplace_back(std::move(key), std::move(v)); }

 private:
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  std::string text_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

// Parses one JSON value (surrounded by optional whitespace) from `text`.
Expected<Json> parseJson(std::string_view text);

}  // namespace wasmc::driver
