import CLibYAML

/// Loads one YAML document into a `Node` tree through libyaml's event API.
///
/// The tree is built iteratively (an explicit stack of open collections), so hostile nesting
/// cannot overflow the call stack, and every strictness rule is checked as the events arrive, so
/// a bad file fails at the first offending event rather than after a full parse.
public enum YAMLLoader {
    public static func load(_ bytes: [UInt8], limits: LoadLimits = .default) throws(YAMLError) -> Node {
        guard bytes.count <= limits.maxBytes else {
            throw YAMLError(
                .tooLarge, at: .start,
                "file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes "
                    + "(raise it with --max-file-size)")
        }
        guard !bytes.isEmpty else {
            throw YAMLError(.noDocument, at: .start, "the file is empty; expected one YAML document")
        }
        let ascii = try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) in
            try EncodingCheck.validate(buffer)
        }
        // See `SyntaxChecks.endsWithBlankLine`: the one case where the input is copied.
        let input = bytes.withUnsafeBufferPointer(SyntaxChecks.endsWithBlankLine) ? bytes + [0x0A] : bytes
        return try input.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> Node in
            var builder = TreeBuilder(file: buffer, length: bytes.count, ascii: ascii, limits: limits)
            return try builder.run()
        }
    }

    public static func load(_ text: String, limits: LoadLimits = .default) throws(YAMLError) -> Node {
        try load(Array(text.utf8), limits: limits)
    }
}

/// Converts libyaml marks (0-based, index counted in characters) to `SourceLocation`s with byte
/// offsets. Marks arrive almost in order, so a cursor that walks forward or back from the last
/// conversion costs O(distance) and the whole load stays linear. `input` is what libyaml reads:
/// the file after a byte-order mark, which `base` (0 or 3) adds back to every offset.
private struct MarkConverter {
    let input: UnsafeBufferPointer<UInt8>
    let base: Int
    /// The length of the file: an offset never points past it (a line break the loader added
    /// after the file's last line is not part of it).
    let length: Int
    let ascii: Bool
    var charIndex = 0
    var byteOffset = 0

    mutating func location(_ mark: yaml_mark_t) -> SourceLocation {
        let index = Int(mark.index)
        let offset: Int
        if ascii {
            offset = index
        } else {
            while charIndex < index, byteOffset < input.count {
                byteOffset += 1
                while byteOffset < input.count, input[byteOffset] & 0xC0 == 0x80 { byteOffset += 1 }
                charIndex += 1
            }
            while charIndex > index, byteOffset > 0 {
                byteOffset -= 1
                while byteOffset > 0, input[byteOffset] & 0xC0 == 0x80 { byteOffset -= 1 }
                charIndex -= 1
            }
            offset = byteOffset
        }
        return SourceLocation(
            line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: min(base + offset, length))
    }
}

/// An open collection on the builder's stack.
private struct Frame {
    var isMapping: Bool
    var isFlow: Bool
    var start: SourceLocation
    var tag: String?
    var anchor: String?
    var items: [Node] = []
    var pairs: [Pair] = []
    var pendingKey: Node?
    /// Nodes in this subtree so far, for the alias budget.
    var count = 1
    /// Levels of collections in this subtree so far, this one included.
    var height = 1
    /// The resolved value of each key so far, in order; duplicates are found by a linear scan
    /// while the mapping is small and through `keyIndex` once it grows past a few keys.
    var keys: [ResolvedScalar] = []
    var keyIndex: [ResolvedScalar: Int]?
}

/// A finished node that an anchor names: the node, its size and its height, so that an alias
/// is charged to the alias budget and checked against the depth limit without walking it.
private struct Anchored {
    var node: Node
    var count: Int
    var height: Int
}

private struct TreeBuilder {
    var marks: MarkConverter
    /// The whole file, for locating reader errors; libyaml reads it after any byte-order mark.
    let file: UnsafeBufferPointer<UInt8>
    let input: UnsafeBufferPointer<UInt8>
    let limits: LoadLimits
    var stack: [Frame] = []
    var anchors: [String: Anchored] = [:]
    var aliasNodes = 0
    var documents = 0
    var root: Node?
    let checks: SyntaxChecks
    /// Open flow collections; nodes inside one follow flow rules.
    var flowDepth = 0
    /// Where the previous event ended: the bytes from there to the next event are a gap of
    /// indicators, whitespace and comments.
    var previousEnd = 0

    init(file: UnsafeBufferPointer<UInt8>, length: Int, ascii: Bool, limits: LoadLimits) {
        let bom: Int = file.starts(with: EncodingCheck.byteOrderMark) ? 3 : 0
        self.file = file
        self.input = UnsafeBufferPointer(rebasing: file[bom...])
        self.marks = MarkConverter(input: input, base: bom, length: length, ascii: ascii)
        self.limits = limits
        self.checks = SyntaxChecks(file: file, textStart: bom)
        self.previousEnd = bom
    }

    mutating func run() throws(YAMLError) -> Node {
        guard input.count > 0, let base = input.baseAddress else {
            throw YAMLError(.noDocument, at: .start, "the file holds no YAML document (only a byte-order mark)")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.syntax, at: .start, "libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, base, input.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw parserError(parser) }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            try handle(&event)
        }
        guard let root else {
            throw YAMLError(.noDocument, at: .start, "the file holds no YAML document (only comments or blanks)")
        }
        return root
    }

    private mutating func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message =
                "\(problem) (\(context) at line \(parser.context_mark.line + 1), "
                + "column \(parser.context_mark.column + 1))"
        }
        let location: SourceLocation
        if parser.error == YAML_READER_ERROR {
            location = EncodingCheck.location(of: marks.base + Int(parser.problem_offset), in: file)
        } else {
            location = marks.location(parser.problem_mark)
        }
        if !problem.contains("tab"), indentedWithTab(line: location.offset) {
            message += "; a tab indents this line, and YAML indentation must use spaces"
        }
        return YAMLError(.syntax, at: location, message)
    }

    /// Whether the leading whitespace of the line holding byte `offset` contains a tab.
    private func indentedWithTab(line offset: Int) -> Bool {
        var start = min(offset, file.count)
        while start > 0, file[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var i = start
        while i < file.count, file[i] == UInt8(ascii: " ") || file[i] == UInt8(ascii: "\t") {
            if file[i] == UInt8(ascii: "\t") { return true }
            i += 1
        }
        return false
    }

    private mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        let start = marks.location(event.start_mark)
        if let glued = checks.gluedComment(from: previousEnd, to: start.offset) { throw gluedComment(at: glued) }
        let end = marks.location(event.end_mark)
        previousEnd = max(previousEnd, end.offset)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(
                    .multipleDocuments, at: start,
                    "a second YAML document starts here; put each description in its own file")
            }
            if let glued = checks.gluedDirectiveComment(from: start.offset, to: end.offset) {
                throw gluedComment(at: glued)
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let tag = try checkedTag(data.tag, at: start)
            let anchor = cString(data.anchor)
            try checkNodeStart(start, anchor: anchor)
            let text = string(data.value, Int(data.length))
            let style: Scalar.Style
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let scalar = Scalar(text, style: style)
            if let tag { try checkScalarTag(tag, scalar, at: start) }
            switch style {
            case .plain:
                if flowDepth > 0, text == "-" {
                    throw YAMLError(
                        .syntax, at: start, "a lone '-' cannot be a plain scalar in a flow collection; quote it: \"-\"")
                }
            case .literal, .folded:
                if let glued = checks.gluedHeaderComment(scalarStart: start.offset) { throw gluedComment(at: glued) }
                // A top-level scalar sits at indentation -1; one in a collection whose column is not
                // known is not checked.
                let parentIndent = stack.isEmpty ? -1 : entryColumn(of: stack[stack.count - 1]).map { $0 - 1 }
                if let parentIndent,
                    let line = checks.overIndentedLeadingLines(scalarStart: start.offset, parentIndent: parentIndent)
                {
                    throw YAMLError(
                        .syntax, at: EncodingCheck.location(of: line, in: file),
                        "the first line of text in this block scalar is indented less than an empty line before it; "
                            + "remove the spaces from the empty lines or give an indentation indicator such as |2")
                }
            case .singleQuoted, .doubleQuoted:
                if flowDepth == 0, end.line > start.line {
                    try checkContinuationLines(start: start, end: end, what: "quoted scalar", skipComments: false)
                }
            }
            let node = Node(content: .scalar(scalar), range: SourceRange(start: start, end: end), tag: tag)
            try add(node, count: 1, height: 0, anchor: anchor)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            let tag = try checkedTag(data.tag, at: start)
            try checkCollectionTag(tag, isMapping: false, at: start)
            let anchor = cString(data.anchor)
            try checkNodeStart(start, anchor: anchor)
            try push(
                isMapping: false, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE, start: start, tag: tag,
                anchor: anchor)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            let tag = try checkedTag(data.tag, at: start)
            try checkCollectionTag(tag, isMapping: true, at: start)
            let anchor = cString(data.anchor)
            try checkNodeStart(start, anchor: anchor)
            try push(
                isMapping: true, isFlow: data.style == YAML_FLOW_MAPPING_STYLE, start: start, tag: tag,
                anchor: anchor)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            if frame.isFlow {
                flowDepth -= 1
                if flowDepth == 0, end.line > frame.start.line {
                    try checkContinuationLines(
                        start: frame.start, end: end, what: "flow collection", skipComments: true)
                }
            }
            let range = SourceRange(start: frame.start, end: end)
            let content: Node.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try add(
                Node(content: content, range: range, tag: frame.tag), count: frame.count, height: frame.height,
                anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = cString(event.data.alias.anchor) ?? ""
            try checkNodeStart(start, anchor: nil)
            if let cut = checks.cutName(name, sigil: UInt8(ascii: "*"), nodeStart: start.offset) {
                throw cutName(name, sigil: "*", at: cut)
            }
            guard let target = anchors[name] else {
                if stack.contains(where: { $0.anchor == name }) {
                    throw YAMLError(
                        .recursiveAlias, at: start,
                        "alias *\(name) refers to a node that contains it; recursive structures are not allowed")
                }
                throw YAMLError(.undefinedAlias, at: start, "alias *\(name) refers to no anchor defined before it")
            }
            // Compared by subtraction: with a huge budget, a sum could overflow.
            guard target.count <= limits.maxAliasNodes - aliasNodes else {
                throw YAMLError(
                    .aliasBudget, at: start,
                    "aliases expand to more than \(limits.maxAliasNodes) nodes (an alias bomb?); "
                        + "write the values out or raise the limit with --max-alias-nodes")
            }
            aliasNodes += target.count
            guard target.height <= limits.maxDepth - stack.count else {
                throw YAMLError(
                    .tooDeep, at: start,
                    "collections nest deeper than \(limits.maxDepth) levels once alias *\(name) is expanded "
                        + "(raise the limit with --max-depth)")
            }
            try add(target.node, count: target.count, height: target.height, anchor: nil)
        default:
            break
        }
    }

    // MARK: YAML 1.2 rules libyaml misses (see SyntaxChecks)

    /// Checks shared by every node: `?x` in a flow collection, and anchor names libyaml cut short.
    private func checkNodeStart(_ start: SourceLocation, anchor: String?) throws(YAMLError) {
        if flowDepth > 0, checks.byte(start.offset - 1) == UInt8(ascii: "?") {
            throw YAMLError(
                .syntax, at: SourceLocation(line: start.line, column: start.column - 1, offset: start.offset - 1),
                "'?' directly followed by text is not a key indicator in YAML 1.2 but libyaml reads it as one; "
                    + "write '? ' with a space for a key, or quote the text")
        }
        if let anchor, let cut = checks.cutName(anchor, sigil: UInt8(ascii: "&"), nodeStart: start.offset) {
            throw cutName(anchor, sigil: "&", at: cut)
        }
    }

    /// The column of a block collection's entries: its start, unless a tag or an anchor comes
    /// first; `nil` when it is a flow collection or the column is not known.
    private func entryColumn(of frame: Frame) -> Int? {
        if frame.isFlow { return nil }
        if frame.tag == nil && frame.anchor == nil { return frame.start.column }
        if frame.isMapping, let key = frame.pairs.first?.key ?? frame.pendingKey { return key.start.column }
        return nil
    }

    private func cutName(_ name: String, sigil: String, at offset: Int) -> YAMLError {
        YAMLError(
            .syntax, at: EncodingCheck.location(of: offset, in: file),
            "the name \(sigil)\(name) goes on here; anchor and alias names may only use letters, digits, '-' and "
                + "'_', and end at a space")
    }

    private func gluedComment(at offset: Int) -> YAMLError {
        YAMLError(
            .syntax, at: EncodingCheck.location(of: offset, in: file),
            "a comment must be separated from what comes before it by a space")
    }

    /// Lines that continue a flow collection or a quoted scalar must be indented more than the
    /// block collection that holds it (with spaces: a tab is not indentation).
    private func checkContinuationLines(start: SourceLocation, end: SourceLocation, what: String, skipComments: Bool)
        throws(YAMLError)
    {
        guard let parent = stack.last, let column = entryColumn(of: parent) else { return }
        guard
            let line = checks.underIndentedLine(
                from: start.offset, to: end.offset, spaces: column, skipComments: skipComments)
        else { return }
        let location = EncodingCheck.location(of: line, in: file)
        let tab = checks.byte(line) == 0x09 ? " (a tab is not indentation)" : ""
        throw YAMLError(
            .syntax, at: location,
            "this line continues the \(what) that starts at line \(start.line) and must be indented by at least "
                + "\(column) space\(column == 1 ? "" : "s")\(tab)")
    }

    private mutating func push(isMapping: Bool, isFlow: Bool, start: SourceLocation, tag: String?, anchor: String?)
        throws(YAMLError)
    {
        if stack.count >= limits.maxDepth {
            throw YAMLError(
                .tooDeep, at: start,
                "collections nest deeper than \(limits.maxDepth) levels (raise the limit with --max-depth)")
        }
        // While the collection is open its anchor names it, hiding any older node of that name:
        // an alias to it from inside is recursive.
        if let anchor { anchors[anchor] = nil }
        if isFlow { flowDepth += 1 }
        stack.append(Frame(isMapping: isMapping, isFlow: isFlow, start: start, tag: tag, anchor: anchor))
    }

    /// Adds a finished node to the innermost open collection (or makes it the root).
    private mutating func add(_ node: Node, count: Int, height: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = Anchored(node: node, count: count, height: height) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        // Saturating: alias copies can make a subtree's size exceed what memory could hold.
        let (sum, overflow) = stack[top].count.addingReportingOverflow(count)
        stack[top].count = overflow ? .max : sum
        if height >= stack[top].height { stack[top].height = height + 1 }
        if !stack[top].isMapping {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            try checkKey(node, frame: top)
            stack[top].pendingKey = node
            return
        }
        stack[top].pairs.append(Pair(key: key, value: node))
        stack[top].pendingKey = nil
    }

    private mutating func checkKey(_ key: Node, frame top: Int) throws(YAMLError) {
        guard case .scalar(let scalar) = key.content else {
            throw YAMLError(.complexKey, at: key.start, "mapping keys must be scalars, not \(key.kindName)")
        }
        if scalar.text == "<<" && scalar.style == .plain && key.tag == nil {
            throw YAMLError(
                .mergeKey, at: key.start,
                "merge keys (<<) are not supported; write the merged keys out in this mapping")
        }
        // Two keys are the same when they resolve to the same value: `1` and `0x1` collide,
        // `1` and `"1"` do not.
        let identity = CoreSchema.resolve(scalar, tag: key.tag)
        let index = stack[top].keys.count
        if stack[top].keyIndex != nil {
            if let first = stack[top].keyIndex![identity] { throw duplicate(key, scalar, first, frame: top) }
            stack[top].keyIndex![identity] = index
        } else {
            if let first = stack[top].keys.firstIndex(of: identity) { throw duplicate(key, scalar, first, frame: top) }
            if index >= 8 {
                var keyIndex: [ResolvedScalar: Int] = [:]
                for (i, other) in stack[top].keys.enumerated() { keyIndex[other] = i }
                keyIndex[identity] = index
                stack[top].keyIndex = keyIndex
            }
        }
        stack[top].keys.append(identity)
    }

    private func duplicate(_ key: Node, _ scalar: Scalar, _ first: Int, frame top: Int) -> YAMLError {
        let location = stack[top].pairs[first].key.start
        return YAMLError(
            .duplicateKey, at: key.start,
            "duplicate key '\(scalar.text)'; it was first defined at line \(location.line), column \(location.column)")
    }

    private func checkedTag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation)
        throws(YAMLError) -> String?
    {
        guard let tag = cString(pointer) else { return nil }
        guard YAMLTag.supported.contains(tag) else {
            throw YAMLError(
                .unsupportedTag, at: location,
                "tag \(YAMLTag.display(tag)) is not supported; only the YAML core tags (!!str, !!int, !!float, !!bool, "
                    + "!!null) are")
        }
        return tag
    }

    /// A core scalar tag must fit the text (`!!int abc` is an error, not a string), and the
    /// collection tags do not belong on a scalar.
    private func checkScalarTag(_ tag: String, _ scalar: Scalar, at location: SourceLocation) throws(YAMLError) {
        let fits: Bool
        switch tag {
        case YAMLTag.str, YAMLTag.nonSpecific: return
        case YAMLTag.seq, YAMLTag.map:
            throw YAMLError(
                .unsupportedTag, at: location,
                "tag \(YAMLTag.display(tag)) is for a \(tag == YAMLTag.seq ? "sequence" : "mapping"), not a scalar")
        case YAMLTag.int:
            if case .int = CoreSchema.resolve(scalar, tag: tag) {
                fits = true
            } else {
                if case .bigInt = CoreSchema.resolve(scalar, tag: tag) { fits = true } else { fits = false }
            }
        case YAMLTag.float:
            if case .float = CoreSchema.resolve(scalar, tag: tag) { fits = true } else { fits = false }
        case YAMLTag.bool:
            if case .bool = CoreSchema.resolve(scalar, tag: tag) { fits = true } else { fits = false }
        default:
            fits = CoreSchema.resolve(scalar, tag: tag) == .null
        }
        guard fits else {
            let shown = scalar.text.count > 40 ? String(scalar.text.prefix(40)) + "…" : scalar.text
            throw YAMLError(
                .unsupportedTag, at: location,
                "tag \(YAMLTag.display(tag)) does not fit '\(shown)'; write a value of that type or remove the tag")
        }
    }

    private func checkCollectionTag(_ tag: String?, isMapping: Bool, at location: SourceLocation)
        throws(YAMLError)
    {
        guard let tag, tag != YAMLTag.nonSpecific, tag != (isMapping ? YAMLTag.map : YAMLTag.seq) else { return }
        let expected = tag == YAMLTag.seq ? "a sequence" : tag == YAMLTag.map ? "a mapping" : "a scalar"
        throw YAMLError(
            .unsupportedTag, at: location,
            "tag \(YAMLTag.display(tag)) is for \(expected), not \(isMapping ? "a mapping" : "a sequence")")
    }

    private func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}
