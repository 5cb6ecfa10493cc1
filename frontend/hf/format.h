//===- frontend/hf/format.h - hfc fmt: canonical layout of .hf source -----===//
//
// Lays out a .hf file canonically from its tokens, not from the Spec: what
// the user wrote stays (comments, `let` constants and their uses, names and
// numbers spelled as written, import/patch, the order of statements) and only
// the layout changes. Contrast frontend/hf/writer.h, which prints a Spec
// (hfc convert json -> hf).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace hf {

/// The canonical layout of the .hf text `text`:
///  1. one statement per line; the members of a channel, sample (modifiers)
///     and measurement block (parameters) one per line, indented two spaces
///     per block, `}` on its own line (`{}` for an empty block);
///  2. tokens separated by one space, none inside brackets or before `,`
///     (`[1, 2]`); a trailing comma in a list is dropped;
///  3. a blank line before every channel, measurement and `sample .. in
///     channel` statement that is not the first; other blank lines of the
///     source are kept (several in a row as one), except at the start or end
///     of a block;
///  4. a comment at the end of a line stays there (two spaces before `#`);
///     a comment on a line of its own stays on its own line, indented as what
///     follows it; a line a comment breaks goes on indented four spaces more.
/// The result parses to the same document and formatting it again changes
/// nothing. A file that does not parse throws InputError, as parseHfDocument.
std::string formatHfSource(const std::string &text, const std::string &file);

} // namespace hf
