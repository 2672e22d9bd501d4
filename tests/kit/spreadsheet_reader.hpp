#pragma once
// Reads an exported CSV file back as a spreadsheet program would: the UTF-8
// byte-order mark Excel needs to see Chinese as Chinese, then RFC 4180
// records (quoted fields with "" for a quote, commas and line breaks inside
// quotes, CRLF between records), and the header naming each column.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hourglass::test {

struct Spreadsheet {
  bool byte_order_mark = false;  // the file starts with EF BB BF
  bool crlf = true;              // every record ended by CRLF
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // without the header
  std::optional<std::string> error;            // why the text is not valid CSV

  // The cell of `row` under the column named `column`; throws std::out_of_range
  // when there is no such column or row.
  const std::string& cell(std::size_t row, std::string_view column) const;
  // The rows whose `column` is `value`.
  std::vector<std::size_t> rows_where(std::string_view column, std::string_view value) const;
};

Spreadsheet read_spreadsheet(std::string_view bytes);
Spreadsheet read_spreadsheet_file(const std::string& path);

}  // namespace hourglass::test
