// compiler/support/diag.h — errors as values: Error carries a reason and (optionally) a byte offset.
// No exceptions cross any stage boundary; every fallible stage returns Expected<T>.
// Invariant: an Expected holds exactly one of a value or an Error.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace wasmc {

struct Error {
  std::string message;                 // spec-interpreter style reason, e.g. "type mismatch"
  std::optional<uint64_t> offset;      // byte offset in the input file, when known

  static Error at(uint64_t off, std::string msg) { return Error{std::move(msg), off}; }
  static Error plain(std::string msg) { return Error{std::move(msg), std::nullopt}; }
  // "offset 0x1a3: reason" or just "reason".
  std::string format() const;
};

template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(Error err) : v_(std::move(err)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  Error takeError() { return std::move(std::get<1>(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Expected<void> equivalent.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error err) : err_(std::move(err)) {}
  static Status success() { return Status(); }
  bool ok() const { return !err_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *err_; }
  Error takeError() { return std::move(*err_); }

 private:
  std::optional<Error> err_;
};

}  // namespace wasmc
