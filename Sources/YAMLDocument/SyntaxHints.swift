/// What to do about the syntax errors that hand-written YAML runs into most. libyaml says what
/// its parser expected ("did not find expected key"); the cause is nearly always a line indented
/// wrongly or an unquoted `: ` in a value, which the bytes around the error show. Read from the
/// same bytes as the loader's other checks (`SyntaxChecks`), and only once an error is found.
extension SyntaxChecks {
    /// A hint for libyaml's `problem` at byte `offset`, where `context` names the collection it was
    /// reading and `contextLine`/`contextColumn` (1-based) where that collection began.
    func hint(problem: String, context: String?, contextLine: Int, contextColumn: Int, at offset: Int) -> String? {
        let line = lineStart(of: offset)
        let indent = indentation(of: line)
        if !problem.contains("tab"), file[line..<indent.end].contains(0x09) {
            return "a tab indents this line, and YAML indentation must use spaces"
        }
        let keysIndent = contextColumn - 1
        switch (problem, context) {
        case ("mapping values are not allowed in this context", _):
            if hasKeyColon(from: indent.end, to: offset) {
                return "a plain value cannot contain ': '; put the value in quotes"
            }
            if let above = contentLine(before: line), indent.spaces > indentation(of: above).spaces {
                let number = SourceLocation.of(offset: above, in: file).line
                return "this line is indented more than line \(number), so it continues that line's value, "
                    + "and a plain value cannot contain ': '; quote the value, or indent this line as line "
                    + "\(number) to make it a key of the same mapping"
            }
        case ("did not find expected key", "while parsing a block mapping"):
            if indent.spaces == keysIndent, file.indices.contains(indent.end), file[indent.end] == UInt8(ascii: "-") {
                return "a list item stands among the keys of the mapping begun at line \(contextLine); "
                    + "give the list a key of its own, or indent it under one"
            }
            if indent.spaces != keysIndent {
                return "this line is indented \(Self.spaces(indent.spaces)), and the keys of the mapping begun "
                    + "at line \(contextLine) are indented \(keysIndent); check its indentation"
            }
        case ("did not find expected '-' indicator", "while parsing a block collection"):
            return "the items of the list begun at line \(contextLine) each start with '- ' indented "
                + "\(Self.spaces(keysIndent)); this line is not one of them: check its indentation, "
                + "or give the list a key of its own"
        default:
            break
        }
        return nil
    }

    private static func spaces(_ n: Int) -> String { n == 1 ? "1 space" : "\(n) spaces" }

    private func lineStart(of offset: Int) -> Int {
        var start = min(offset, file.count)
        while start > textStart, !Self.isBreak(file[start - 1]) { start -= 1 }
        return start
    }

    /// The leading spaces of the line at `start`, and where its whitespace ends.
    private func indentation(of start: Int) -> (spaces: Int, end: Int) {
        var i = start
        var spaces = 0
        while i < file.count, Self.isBlank(file[i]) {
            if file[i] == 0x20 { spaces += 1 }
            i += 1
        }
        return (spaces, i)
    }

    /// The start of the nearest line before the line at `start` that holds more than whitespace
    /// and a comment.
    private func contentLine(before start: Int) -> Int? {
        var end = start
        while end > textStart {
            var lineEnd = end - 1
            while lineEnd > textStart, Self.isBreak(file[lineEnd - 1]) { lineEnd -= 1 }
            let line = lineStart(of: lineEnd)
            let first = indentation(of: line).end
            if first < lineEnd, file[first] != UInt8(ascii: "#") { return line }
            end = line
        }
        return nil
    }

    /// Whether `from..<to` holds a `:` followed by whitespace: the line already has a key.
    private func hasKeyColon(from start: Int, to end: Int) -> Bool {
        var i = start
        let end = min(end, file.count)
        while i + 1 < end {
            if file[i] == UInt8(ascii: ":"), Self.isBlank(file[i + 1]) { return true }
            i += 1
        }
        return false
    }
}
