#include "tests/kit/spreadsheet_reader.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace hourglass::test {

namespace {

constexpr std::string_view kMark = "\xEF\xBB\xBF";

}  // namespace

const std::string& Spreadsheet::cell(std::size_t row, std::string_view column) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) return rows.at(row).at(i);
  }
  throw std::out_of_range("no column " + std::string(column));
}

std::vector<std::size_t> Spreadsheet::rows_where(std::string_view column, std::string_view value) const {
  std::vector<std::size_t> found;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    if (cell(row, column) == value) found.push_back(row);
  }
  return found;
}

Spreadsheet read_spreadsheet(std::string_view bytes) {
  Spreadsheet sheet;
  if (bytes.substr(0, kMark.size()) == kMark) {
    sheet.byte_order_mark = true;
    bytes.remove_prefix(kMark.size());
  }
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (field_started && !field.empty()) {
        sheet.error = "a quote inside an unquoted field at byte " + std::to_string(i);
        return sheet;
      }
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\n' || i + 1 >= bytes.size() || bytes[i + 1] != '\n') sheet.crlf = false;
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    sheet.error = "a quoted field is not closed";
    return sheet;
  }
  if (field_started || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
    sheet.crlf = false;  // the last record has no line end
  }
  if (records.empty()) {
    sheet.error = "no header";
    return sheet;
  }
  sheet.header = std::move(records.front());
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i].size() != sheet.header.size()) {
      sheet.error = "record " + std::to_string(i) + " has " + std::to_string(records[i].size()) + " fields, not " +
                    std::to_string(sheet.header.size());
      return sheet;
    }
    sheet.rows.push_back(std::move(records[i]));
  }
  return sheet;
}

Spreadsheet read_spreadsheet_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Spreadsheet sheet;
    sheet.error = "cannot open " + path;
    return sheet;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return read_spreadsheet(bytes);
}

}  // namespace hourglass::test
