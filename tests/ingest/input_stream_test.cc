// Compressed inputs: gzip and zstd are found by their magic bytes, whatever
// the file name, and read back byte for byte; damage is an error.
#include "ingest/input_stream.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "ingest/reader_test_util.h"

namespace touchpoint::ingest {
namespace {

using touchpoint::testing::TempDir;

std::string Csv(int rows) {
  std::string text = "timestamp,customer_id,event\n";
  for (int i = 0; i < rows; ++i) text += "2024-01-01T00:00:00Z,c" + std::to_string(i) + ",page_view\n";
  return text;
}

std::string Gzip(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, in.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3));
  return out;
}

TEST(InputStream, GzipAndZstdReadLikePlain) {
  TempDir dir;
  const std::string text = Csv(20000);
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"e.csv.gz", Gzip(text)},
                                    {"e.csv.zst", Zstd(text)},
                                    {"misnamed.csv", Zstd(text)}}) {
    SCOPED_TRACE(name);
    ReadOutcome r = ReadText(dir, name, bytes);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.rows.size(), 20000u);
    EXPECT_EQ(r.stats.bytes_read, text.size());
  }
}

TEST(InputStream, TruncatedCompressedFileIsAnError) {
  TempDir dir;
  const std::string gz = Gzip(Csv(20000));
  ReadOutcome r = ReadText(dir, "cut.csv.gz", gz.substr(0, gz.size() / 2));
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("cut.csv.gz"), std::string::npos) << r.status.message();
  const std::string zs = Zstd(Csv(20000));
  r = ReadText(dir, "cut.csv.zst", zs.substr(0, zs.size() / 2));
  ASSERT_FALSE(r.status.ok());
}

TEST(InputStream, UnknownExtensionSniffsTheFormat) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "events.txt", "{\"timestamp\":\"2024-01-01\",\"customer_id\":\"a\",\"event\":\"x\"}\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows.size(), 1u);
  r = ReadText(dir, "events.dat", Csv(3));
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows.size(), 3u);
}

TEST(InputStream, MissingFileNamesIt) {
  ReadOutcome r = ReadFile("/nonexistent/events.csv");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("/nonexistent/events.csv"), std::string::npos);
}

}  // namespace
}  // namespace touchpoint::ingest
