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
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> Node in
            let ascii = try EncodingCheck.validate(buffer)
            var builder = TreeBuilder(input: buffer, ascii: ascii, limits: limits)
            return try builder.run()
        }
    }

    public static func load(_ text: String, limits: LoadLimits = .default) throws(YAMLError) -> Node {
        try load(Array(text.utf8), limits: limits)
    }
}

/// Converts libyaml marks (0-based, index counted in characters) to `SourceLocation`s with byte
/// offsets. Marks arrive almost in order, so a cursor that walks forward or back from the last
/// conversion costs O(distance) and the whole load stays linear.
private struct MarkConverter {
    let input: UnsafeBufferPointer<UInt8>
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
        return SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: offset)
    }
}

/// An open collection on the builder's stack.
private struct Frame {
    var isMapping: Bool
    var start: SourceLocation
    var tag: String?
    var anchor: String?
    var items: [Node] = []
    var pairs: [Pair] = []
    var pendingKey: Node?
    /// Nodes in this subtree so far, for the alias budget.
    var count = 1
    /// Key identity → where it first appeared; built only once a mapping grows past a few keys,
    /// below that a linear scan is cheaper than hashing.
    var keyIndex: [String: SourceLocation]?
    var keyIdentities: [String] = []
}

private struct TreeBuilder {
    var marks: MarkConverter
    let input: UnsafeBufferPointer<UInt8>
    let limits: LoadLimits
    var stack: [Frame] = []
    var anchors: [String: (node: Node, count: Int)] = [:]
    var aliasNodes = 0
    var documents = 0
    var root: Node?

    init(input: UnsafeBufferPointer<UInt8>, ascii: Bool, limits: LoadLimits) {
        self.input = input
        self.marks = MarkConverter(input: input, ascii: ascii)
        self.limits = limits
    }

    mutating func run() throws(YAMLError) -> Node {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.syntax, at: .start, "libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, input.baseAddress, input.count)
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
            location = EncodingCheck.location(of: Int(parser.problem_offset), in: input)
        } else {
            location = marks.location(parser.problem_mark)
        }
        return YAMLError(.syntax, at: location, message)
    }

    private mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        let start = marks.location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(
                    .multipleDocuments, at: start,
                    "a second YAML document starts here; put each description in its own file")
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let tag = try checkedTag(data.tag, at: start)
            let text = string(data.value, Int(data.length))
            let style: Scalar.Style
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let end = marks.location(event.end_mark)
            let node = Node(
                content: .scalar(Scalar(text, style: style)), range: SourceRange(start: start, end: end), tag: tag)
            try add(node, count: 1, anchor: cString(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try push(
                isMapping: false, start: start, tag: try checkedTag(data.tag, at: start), anchor: cString(data.anchor))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try push(
                isMapping: true, start: start, tag: try checkedTag(data.tag, at: start), anchor: cString(data.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let range = SourceRange(start: frame.start, end: marks.location(event.end_mark))
            let content: Node.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try add(Node(content: content, range: range, tag: frame.tag), count: frame.count, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = cString(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                if stack.contains(where: { $0.anchor == name }) {
                    throw YAMLError(
                        .recursiveAlias, at: start,
                        "alias *\(name) refers to a node that contains it; recursive structures are not allowed")
                }
                throw YAMLError(.undefinedAlias, at: start, "alias *\(name) refers to no anchor defined before it")
            }
            aliasNodes += target.count
            if aliasNodes > limits.maxAliasNodes {
                throw YAMLError(
                    .aliasBudget, at: start,
                    "aliases expand to more than \(limits.maxAliasNodes) nodes (an alias bomb?); "
                        + "write the values out or raise the limit with --max-alias-nodes")
            }
            try add(target.node, count: target.count, anchor: nil)
        default:
            break
        }
    }

    private mutating func push(isMapping: Bool, start: SourceLocation, tag: String?, anchor: String?) throws(YAMLError)
    {
        if stack.count >= limits.maxDepth {
            throw YAMLError(
                .tooDeep, at: start,
                "collections nest deeper than \(limits.maxDepth) levels (raise the limit with --max-depth)")
        }
        stack.append(Frame(isMapping: isMapping, start: start, tag: tag, anchor: anchor))
    }

    /// Adds a finished node to the innermost open collection (or makes it the root).
    private mutating func add(_ node: Node, count: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = (node, count) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].count += count
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
            throw YAMLError(
                .complexKey, at: key.start, "mapping keys must be scalars, not \(key.kindName)")
        }
        if scalar.text == "<<" && scalar.style == .plain && key.tag == nil {
            throw YAMLError(
                .mergeKey, at: key.start,
                "merge keys (<<) are not supported; write the merged keys out in this mapping")
        }
        let identity = Self.identity(of: key)
        if let index = stack[top].keyIndex {
            if let first = index[identity] { throw duplicate(key, scalar, first) }
            stack[top].keyIndex![identity] = key.start
        } else {
            for (i, other) in stack[top].keyIdentities.enumerated() where other == identity {
                throw duplicate(key, scalar, stack[top].pairs[i].key.start)
            }
            stack[top].keyIdentities.append(identity)
            if stack[top].keyIdentities.count > 8 {
                var index: [String: SourceLocation] = [:]
                for (i, id) in stack[top].keyIdentities.enumerated() {
                    index[id] = i < stack[top].pairs.count ? stack[top].pairs[i].key.start : key.start
                }
                stack[top].keyIndex = index
                stack[top].keyIdentities = []
            }
        }
    }

    private func duplicate(_ key: Node, _ scalar: Scalar, _ first: SourceLocation) -> YAMLError {
        YAMLError(
            .duplicateKey, at: key.start,
            "duplicate key '\(scalar.text)'; it was first defined at line \(first.line), column \(first.column)")
    }

    /// Two keys are the same when they resolve to the same value: `1` and `0x1` collide, `1` and `"1"` do not.
    private static func identity(of key: Node) -> String {
        switch key.resolved {
        case .string(let s)?: return s
        case .int(let i)?: return "\u{1}i\(i)"
        case .bigInt(let s)?: return "\u{1}i\(s)"
        case .float(let d)?: return "\u{1}f\(d)"
        case .bool(let b)?: return "\u{1}b\(b)"
        case .null?, nil: return "\u{1}n"
        }
    }

    private func checkedTag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation)
        throws(YAMLError) -> String?
    {
        guard let tag = cString(pointer) else { return nil }
        guard YAMLTag.supported.contains(tag) else {
            throw YAMLError(
                .unsupportedTag, at: location,
                "tag \(tag) is not supported; only the YAML core tags (!!str, !!int, !!float, !!bool, !!null) are")
        }
        return tag
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
