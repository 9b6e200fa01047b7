// JsonWriter: a small streaming JSON builder for our output contracts.
// Numbers that are NaN or infinite become null. Not thread-safe.
#ifndef TOUCHPOINT_REPORT_JSON_WRITER_H_
#define TOUCHPOINT_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::report {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  const std::string& str() const { return out_; }

 private:
  void Separate();
  void Quote(std::string_view s);
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_JSON_WRITER_H_
