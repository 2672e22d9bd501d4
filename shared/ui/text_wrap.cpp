#include "shared/ui/text_wrap.hpp"

#include <cstddef>
#include <cstdint>

namespace hourglass::ui {

namespace {

enum class Kind { space, cjk, closing, opening, other };

// Decodes the code point at `i` (valid UTF-8 assumed; a stray byte counts as
// one character) and returns its length in bytes.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t length = 1;
  cp = lead;
  if (lead >= 0xF0) {
    length = 4;
    cp = lead & 0x07u;
  } else if (lead >= 0xE0) {
    length = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xC0) {
    length = 2;
    cp = lead & 0x1Fu;
  }
  if (i + length > s.size()) return 1;
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return length;
}

Kind kind_of(std::uint32_t cp) {
  if (cp == ' ' || cp == '\t') return Kind::space;
  switch (cp) {
    case 0x3001:  // 、
    case 0x3002:  // 。
    case 0xFF0C:  // ，
    case 0xFF01:  // ！
    case 0xFF1F:  // ？
    case 0xFF1A:  // ：
    case 0xFF1B:  // ；
    case 0xFF09:  // ）
    case 0x300D:  // 」
    case 0x300F:  // 』
    case 0x3011:  // 】
    case 0x300B:  // 》
    case 0x2026:  // …
    case 0x00B7:  // ·
      return Kind::closing;
    case 0xFF08:  // （
    case 0x300C:  // 「
    case 0x300E:  // 『
    case 0x3010:  // 【
    case 0x300A:  // 《
      return Kind::opening;
    default:
      break;
  }
  const bool cjk = (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2FFFF);
  return cjk ? Kind::cjk : Kind::other;
}

// An unbreakable piece of a line: [begin, end) in bytes.
struct Piece {
  std::size_t begin;
  std::size_t end;
};

// Splits one line (no '\n') into pieces; spaces between pieces are left out.
std::vector<Piece> pieces_of(std::string_view line) {
  std::vector<Piece> pieces;
  bool open = false;       // the last piece may still grow
  bool glue_next = false;  // the last character was opening punctuation
  Kind last = Kind::space;
  for (std::size_t i = 0; i < line.size();) {
    std::uint32_t cp = 0;
    const std::size_t n = decode(line, i, cp);
    const Kind kind = kind_of(cp);
    if (kind == Kind::space) {
      open = false;
      glue_next = false;
      last = kind;
      i += n;
      continue;
    }
    // Joins the previous piece: a token continuing, closing punctuation
    // after anything, anything after opening punctuation.
    const bool joins =
        !pieces.empty() && open && (glue_next || kind == Kind::closing || (kind == Kind::other && last == Kind::other));
    if (joins) {
      pieces.back().end = i + n;
    } else {
      pieces.push_back(Piece{i, i + n});
    }
    open = true;
    glue_next = kind == Kind::opening;
    last = kind;
    i += n;
  }
  return pieces;
}

std::size_t next_code_point(std::string_view s, std::size_t i) {
  std::uint32_t cp = 0;
  return i + decode(s, i, cp);
}

}  // namespace

std::vector<std::string_view> wrap_lines(std::string_view text, float max_width, const MeasureWidth& measure) {
  std::vector<std::string_view> lines;
  std::size_t line_start = 0;
  while (true) {
    const std::size_t newline = text.find('\n', line_start);
    const std::string_view hard =
        text.substr(line_start, newline == std::string_view::npos ? std::string_view::npos : newline - line_start);
    if (max_width <= 0.0f) {
      lines.push_back(hard);
    } else {
      const std::vector<Piece> pieces = pieces_of(hard);
      if (pieces.empty()) lines.push_back(hard.substr(0, 0));
      std::size_t first = 0;  // byte where the current line starts
      bool has = false;
      std::size_t end = 0;  // byte where the current line ends so far
      for (const Piece& piece : pieces) {
        if (!has) {
          first = piece.begin;
          end = piece.end;
          has = true;
        } else if (measure(hard.substr(first, piece.end - first)) <= max_width) {
          end = piece.end;
        } else {
          lines.push_back(hard.substr(first, end - first));
          first = piece.begin;
          end = piece.end;
        }
        // A piece wider than the whole line: cut it where it must be cut.
        while (measure(hard.substr(first, end - first)) > max_width) {
          std::size_t cut = next_code_point(hard, first);
          while (cut < end && measure(hard.substr(first, next_code_point(hard, cut) - first)) <= max_width) {
            cut = next_code_point(hard, cut);
          }
          if (cut >= end) break;
          lines.push_back(hard.substr(first, cut - first));
          first = cut;
        }
      }
      if (has) lines.push_back(hard.substr(first, end - first));
    }
    if (newline == std::string_view::npos) break;
    line_start = newline + 1;
  }
  return lines;
}

}  // namespace hourglass::ui
