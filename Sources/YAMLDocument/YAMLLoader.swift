import CLibYAML
import Glibc

/// Loads one YAML document through libyaml's event API, into a `NodeTable` (or a `Node` tree made
/// from it).
///
/// The table is built iteratively (an explicit stack of open collections), so hostile nesting
/// cannot overflow the call stack, and every strictness rule is checked as the events arrive, so
/// a bad file fails at the first offending event rather than after a full parse. The one
/// exception is a duplicate key: the rest of the document is still well formed, so loading goes
/// on, and a reader that checks the document's shape can report its other errors in the same run
/// (`loadTable(_:limits:duplicates:)`).
public enum YAMLLoader {
    public static func load(_ bytes: [UInt8], limits: LoadLimits = .default) throws(YAMLError) -> Node {
        try loadTable(bytes, limits: limits).node(at: NodeTable.root)
    }

    public static func load(_ text: String, limits: LoadLimits = .default) throws(YAMLError) -> Node {
        try load(Array(text.utf8), limits: limits)
    }

    /// The document as a table, refused at its first error, a duplicate key included.
    public static func loadTable(_ bytes: [UInt8], limits: LoadLimits = .default) throws(YAMLError) -> NodeTable {
        var duplicates: [YAMLError] = []
        let table: NodeTable
        do {
            table = try loadTable(bytes, limits: limits, duplicates: &duplicates)
        } catch {
            // The first in the file: an error located at the start of a collection comes before a
            // duplicate inside it.
            if let first = duplicates.first, first.location.offset < error.location.offset { throw first }
            throw error
        }
        if let first = duplicates.first { throw first }
        return table
    }

    /// The same, going on past duplicate keys: each is added to `duplicates` (at most
    /// `duplicatesListed`, then one error counting the rest), and the table holds every key as
    /// written, the later ones too. A table with duplicates is for reporting errors, never for use.
    public static func loadTable(_ bytes: [UInt8], limits: LoadLimits = .default, duplicates: inout [YAMLError])
        throws(YAMLError) -> NodeTable
    {
        guard bytes.count <= limits.maxBytes else {
            throw YAMLError(
                .tooLarge, at: .start,
                "file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes "
                    + "(raise it with --max-file-size)")
        }
        guard bytes.count <= SourceLocation.maxOffset else {
            throw YAMLError(
                .tooLarge, at: .start,
                "file is \(bytes.count) bytes, more than mupj reads (\(SourceLocation.maxOffset) bytes)")
        }
        guard !bytes.isEmpty else {
            throw YAMLError(.noDocument, at: .start, "the file is empty; expected one YAML document")
        }
        let characters = try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) in
            try EncodingCheck.validate(buffer)
        }
        // See `SyntaxChecks.endsWithBlankLine`: the one case where the input is copied.
        let input = bytes.withUnsafeBufferPointer(SyntaxChecks.endsWithBlankLine) ? bytes + [0x0A] : bytes
        return try input.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> NodeTable in
            var builder = TableBuilder(file: buffer, length: bytes.count, characters: characters, limits: limits)
            defer { duplicates = builder.duplicatesFound }
            return try builder.run()
        }
    }

    /// How many duplicate keys are listed; a file of a million can be written by accident (a
    /// generated list pasted twice) as well as on purpose.
    public static let duplicatesListed = 100
}

/// Converts libyaml marks (0-based, index counted in characters) to `SourceLocation`s with byte
/// offsets. Marks arrive almost in order, so a cursor that walks forward or back from the last
/// conversion costs O(distance) and the whole load stays linear. `input` is what libyaml reads:
/// the file after a byte-order mark, which `base` (0 or 3) adds back to every offset.
private struct MarkConverter {
    let file: UnsafeBufferPointer<UInt8>
    let input: UnsafeBufferPointer<UInt8>
    let base: Int
    /// The length of the file: an offset never points past it (a line break the loader added
    /// after the file's last line is not part of it).
    let length: Int
    let ascii: Bool
    /// Whether libyaml's marks at the end of the file are right as they are: the file ends with a
    /// line break, and the loader added none.
    let trustsEnd: Bool
    /// The location of the end of the file, counted once: the closing events all end there.
    var endOfFile: SourceLocation?
    var charIndex = 0
    var byteOffset = 0

    @inline(__always)
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
        // At the end of a file without a final line break, libyaml puts its marks on a line of
        // their own, after the last one; past the end only after the line break the loader added.
        // Both are the end of the file, counted from its bytes.
        guard base + offset < length || trustsEnd else {
            if endOfFile == nil { endOfFile = .of(offset: length, in: file) }
            return endOfFile!
        }
        return SourceLocation(unchecked: Int(mark.line) + 1, Int(mark.column) + 1, base + offset)
    }
}

/// An open collection on the builder's stack: its entry in the table is at `index`, its subtree
/// follows, and its keys' identities are in `keys` from `firstKey` on.
private struct Frame {
    var isMapping: Bool
    var isFlow: Bool
    var start: SourceLocation
    var tag: String?
    var anchor: String?
    var index: Int
    /// Children so far (a mapping's keys and values alternate).
    var children = 0
    var firstKey: Int
    /// Nodes in this subtree so far, for the alias budget.
    var count = 1
    /// Levels of collections in this subtree so far, this one included.
    var height = 1
    /// Key identity hash → index of the first key with it; built once the mapping grows past
    /// 32 keys (below that a scan of the hashes is cheaper than hashing into a dictionary).
    var keyIndex: [UInt64: Int]?
}

/// What makes two keys the same: their core-schema value (`1` and `0x1` collide, `1` and `"1"`
/// do not), with a hash of it to compare first; and where the key is, for the message about a
/// duplicate.
private struct KeyIdentity {
    var value: ResolvedScalar
    var hash: UInt64
    var start = SourceLocation.start
}

/// A finished node that an anchor names: its entry in the table, its size and its height, so that
/// an alias is charged to the alias budget and checked against the depth limit without walking it.
private struct Anchored {
    var first: Int
    var count: Int
    var height: Int
}

private struct TableBuilder {
    var marks: MarkConverter
    /// The whole file, for locating reader errors; libyaml reads it after any byte-order mark.
    let file: UnsafeBufferPointer<UInt8>
    let input: UnsafeBufferPointer<UInt8>
    let limits: LoadLimits
    var stack: [Frame] = []
    var table = NodeTable()
    var keys: [KeyIdentity] = []
    var anchors: [String: Anchored] = [:]
    var aliasNodes = 0
    /// The duplicate keys found so far (at most `YAMLLoader.duplicatesListed`), and how many more.
    var duplicates: [YAMLError] = []
    var unlistedDuplicates = 0
    var firstUnlisted = SourceLocation.start
    var documents = 0
    var hasRoot = false
    let checks: SyntaxChecks
    /// Open flow collections; nodes inside one follow flow rules.
    var flowDepth = 0
    /// Where the previous event ended: the bytes from there to the next event are a gap of
    /// indicators, whitespace and comments.
    var previousEnd = 0
    /// The innermost open collection's kind, and its children, nodes and height so far: kept here
    /// while it is open, rather than in its frame on `stack`, so that adding a node changes no
    /// array. A frame's own counts are written when another opens inside it, and read back when
    /// that one closes.
    var topIsMapping = false
    var topChildren = 0
    var topCount = 0
    var topHeight = 0
    /// Whether the next node is a key: the innermost collection is a mapping with as many keys
    /// as values so far.
    var atKeyPosition: Bool { topIsMapping && topChildren % 2 == 0 }
    /// The first `#` at or after the current event's start (`file.count` when there is none):
    /// gaps are scanned for glued comments only when one holds a `#`.
    var nextHash: Int
    /// The characters of `input`, for libyaml's buffer.
    let inputCharacters: Int

    /// `length` is the file's, before any line break the loader added; `characters` its count of
    /// characters (from `EncodingCheck`).
    init(file: UnsafeBufferPointer<UInt8>, length: Int, characters: Int, limits: LoadLimits) {
        let bom: Int = file.starts(with: EncodingCheck.byteOrderMark) ? 3 : 0
        self.file = file
        self.input = UnsafeBufferPointer(rebasing: file[bom...])
        // What libyaml reads: the byte-order mark is one character, an added line break another.
        self.inputCharacters = characters - (bom == 0 ? 0 : 1) + (file.count - length)
        self.marks = MarkConverter(
            file: file, input: input, base: bom, length: length, ascii: characters == length,
            trustsEnd: length == file.count && Self.endsWithLineBreak(file))
        self.nextHash = 0
        self.limits = limits
        self.checks = SyntaxChecks(file: file, textStart: bom)
        self.previousEnd = bom
    }

    mutating func run() throws(YAMLError) -> NodeTable {
        guard input.count > 0, let base = input.baseAddress else {
            throw YAMLError(.noDocument, at: .start, "the file holds no YAML document (only a byte-order mark)")
        }
        nextHash = hash(from: 0)
        // About one node per 8 bytes of a dense file: grown rarely, never by much.
        table.entries.reserveCapacity(input.count / 8)
        table.texts.reserveCapacity(input.count / 12)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.syntax, at: .start, "libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, base, input.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        if Self.readerStateIsKnown { try Self.handOver(input, characters: inputCharacters, to: &parser) }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw parserError(parser) }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            try handle(&event)
        }
        guard hasRoot else {
            throw YAMLError(.noDocument, at: .start, "the file holds no YAML document (only comments or blanks)")
        }
        return table
    }

    /// Whether the linked libyaml is a 0.2 release, whose reader `handOver` imitates (Debian 12
    /// ships 0.2.5). Any other keeps its own reader: slower, and just as strict.
    private static let readerStateIsKnown: Bool = {
        var (major, minor, patch): (Int32, Int32, Int32) = (0, 0, 0)
        yaml_get_version(&major, &minor, &patch)
        return major == 0 && minor == 2
    }()

    /// Gives libyaml the whole text as its decoded buffer, so that its reader does not decode and
    /// check every character a second time: `EncodingCheck` has already checked all that libyaml's
    /// reader would (UTF-8, NUL, the YAML printable set). The buffer is in the state libyaml's
    /// reader leaves it in at the end of the input: the UTF-8 text and one NUL, `unread` counting
    /// characters (the NUL too), `eof` set and the raw buffer empty. The bytes after the NUL are
    /// zero as well, for the scanner's look-ahead; libyaml frees the buffer with the parser.
    private static func handOver(
        _ input: UnsafeBufferPointer<UInt8>, characters: Int, to parser: inout yaml_parser_t
    ) throws(YAMLError) {
        let padding = 8
        guard let copy = malloc(input.count + padding)?.assumingMemoryBound(to: UInt8.self) else {
            throw YAMLError(.syntax, at: .start, "libyaml could not allocate its buffer")
        }
        copy.initialize(from: input.baseAddress!, count: input.count)
        (copy + input.count).initialize(repeating: 0, count: padding)
        free(parser.buffer.start)
        parser.buffer.start = copy
        parser.buffer.pointer = copy
        parser.buffer.last = copy + input.count + 1
        parser.buffer.end = copy + input.count + padding
        parser.unread = characters + 1
        parser.eof = 1
    }

    /// The offset of the first `#` at or after `offset`, or the file's length.
    private func hash(from offset: Int) -> Int {
        checks.find(UInt8(ascii: "#"), from: offset, to: file.count) ?? file.count
    }

    private static func endsWithLineBreak(_ file: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = file.last else { return false }
        if last == 0x0A || last == 0x0D { return true }
        let n = file.count
        if n >= 2, file[n - 2] == 0xC2, last == 0x85 { return true }
        return n >= 3 && file[n - 3] == 0xE2 && file[n - 2] == 0x80 && (last == 0xA8 || last == 0xA9)
    }

    private mutating func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
        let context = parser.context.map { String(cString: $0) }
        var message = problem
        if let context {
            message =
                "\(problem) (\(context) at line \(parser.context_mark.line + 1), "
                + "column \(parser.context_mark.column + 1))"
        }
        let location: SourceLocation
        if parser.error == YAML_READER_ERROR {
            location = .of(offset: marks.base + Int(parser.problem_offset), in: file)
        } else {
            location = marks.location(parser.problem_mark)
        }
        if let hint = checks.hint(
            problem: problem, context: context, contextLine: Int(parser.context_mark.line) + 1,
            contextColumn: Int(parser.context_mark.column) + 1, at: location.offset)
        {
            message += "; " + hint
        }
        return YAMLError(.syntax, at: location, message)
    }

    private mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        let start = marks.location(event.start_mark)
        if nextHash < start.offset {
            if let glued = checks.gluedComment(from: previousEnd, to: start.offset) { throw gluedComment(at: glued) }
            nextHash = hash(from: start.offset)
        }
        let end = marks.location(event.end_mark)
        previousEnd = max(previousEnd, end.offset)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(
                    .multipleDocuments, at: start,
                    "a second YAML document starts here; mupj reads one document per file")
            }
            if let glued = checks.gluedDirectiveComment(from: start.offset, to: end.offset) {
                throw gluedComment(at: glued)
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let tag = data.tag == nil ? nil : try checkedTag(data.tag, at: start)
            let anchor = cString(data.anchor)
            if flowDepth > 0 || anchor != nil { try checkNodeStart(start, anchor: anchor) }
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
                if flowDepth > 0, data.length == 1, data.value?.pointee == UInt8(ascii: "-") {
                    throw YAMLError(
                        .syntax, at: start, "a lone '-' cannot be a plain scalar in a flow collection; quote it: \"-\"")
                }
            case .literal, .folded:
                if let glued = checks.gluedHeaderComment(scalarStart: start.offset) { throw gluedComment(at: glued) }
                // A top-level scalar sits at indentation -1; one in a collection whose column is not
                // known is not checked.
                let parentIndent = stack.isEmpty ? -1 : topEntryColumn().map { $0 - 1 }
                if let parentIndent,
                    let line = checks.overIndentedLeadingLines(scalarStart: start.offset, parentIndent: parentIndent)
                {
                    throw YAMLError(
                        .syntax, at: SourceLocation.of(offset: line, in: file),
                        "the first line of text in this block scalar is indented less than an empty line before it; "
                            + "remove the spaces from the empty lines or give an indentation indicator such as |2")
                }
            case .singleQuoted, .doubleQuoted:
                if flowDepth == 0, end.line > start.line {
                    try checkContinuationLines(start: start, end: end, what: "quoted scalar", skipComments: false)
                }
            }
            // A key is checked here, before its node is made, with its identity computed from
            // libyaml's bytes while they are at hand.
            if atKeyPosition {
                var identity =
                    tag == nil
                    ? Self.identity(scalar, bytes: UnsafeBufferPointer(start: data.value, count: Int(data.length)))
                    : Self.identity(scalar, tag: tag)
                identity.start = start
                try checkKey(scalar, tag: tag, at: start, identity: identity)
            }
            try countNode(at: start)
            let index = table.entries.count
            table.entries.append(
                NodeTable.Entry(
                    kind: .scalar, style: style, tagCode: NodeTable.code(of: tag),
                    range: SourceRange(start: start, end: end), link: Int32(table.texts.count), end: Int32(index + 1)))
            table.texts.append(scalar.text)
            added(first: index, count: 1, height: 0, anchor: anchor)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try startCollection(
                isMapping: false, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE, tag: data.tag, anchor: data.anchor,
                at: start)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try startCollection(
                isMapping: true, isFlow: data.style == YAML_FLOW_MAPPING_STYLE, tag: data.tag, anchor: data.anchor,
                at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            var frame = stack.removeLast()
            (frame.children, frame.count, frame.height) = (topChildren, topCount, topHeight)
            topIsMapping = stack.last?.isMapping ?? false
            (topChildren, topCount, topHeight) = (
                stack.last?.children ?? 0, stack.last?.count ?? 0, stack.last?.height ?? 0
            )
            if frame.isFlow {
                flowDepth -= 1
                if flowDepth == 0, end.line > frame.start.line {
                    try checkContinuationLines(
                        start: frame.start, end: end, what: "flow collection", skipComments: true)
                }
            }
            table.entries[frame.index].range.end = end
            table.entries[frame.index].end = Int32(table.entries.count)
            if frame.isMapping { keys.removeSubrange(frame.firstKey...) }
            if atKeyPosition {
                throw YAMLError(
                    .complexKey, at: frame.start,
                    "mapping keys must be scalars, not \(frame.isMapping ? "a mapping" : "a sequence")")
            }
            added(first: frame.index, count: frame.count, height: frame.height, anchor: frame.anchor)
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
            if atKeyPosition {
                guard let scalar = table.scalar(target.first) else {
                    throw YAMLError(
                        .complexKey, at: start, "mapping keys must be scalars, not \(table.kindName(target.first))")
                }
                let tag = table.tag(target.first)
                var identity = Self.identity(scalar, tag: tag)
                // Where the copy will be: at the alias.
                identity.start = start
                try checkKey(scalar, tag: tag, at: start, identity: identity)
            }
            // One entry: the anchored node's own, pointing back at it for the children, with the
            // alias's marks. A value is checked where it is used: `encrypted: *summary` is wrong
            // at `encrypted`, and an error at the anchor pointed at a line that is right.
            try countNode(at: start)
            let index = table.entries.count
            var entry = table.entries[target.first]
            entry.end = Int32(index + 1)
            entry.range = SourceRange(start: start, end: end)
            if entry.kind != .scalar { entry.link = Int32(target.first) }
            table.entries.append(entry)
            added(first: index, count: target.count, height: target.height, anchor: nil)
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

    /// The column of the innermost block collection's entries: its start, unless a tag or an
    /// anchor comes first; `nil` when it is a flow collection or the column is not known.
    private func topEntryColumn() -> Int? {
        guard let frame = stack.last, !frame.isFlow else { return nil }
        if frame.tag == nil && frame.anchor == nil { return frame.start.column }
        if frame.isMapping, topChildren > 0 { return table.start(frame.index + 1).column }
        return nil
    }

    private func cutName(_ name: String, sigil: String, at offset: Int) -> YAMLError {
        YAMLError(
            .syntax, at: SourceLocation.of(offset: offset, in: file),
            "the name \(sigil)\(name) goes on here; anchor and alias names may only use letters, digits, '-' and "
                + "'_', and end at a space")
    }

    private func gluedComment(at offset: Int) -> YAMLError {
        YAMLError(
            .syntax, at: SourceLocation.of(offset: offset, in: file),
            "a comment must be separated from what comes before it by a space")
    }

    /// Lines that continue a flow collection or a quoted scalar must be indented more than the
    /// block collection that holds it (with spaces: a tab is not indentation).
    private func checkContinuationLines(start: SourceLocation, end: SourceLocation, what: String, skipComments: Bool)
        throws(YAMLError)
    {
        guard let column = topEntryColumn() else { return }
        guard
            let line = checks.underIndentedLine(
                from: start.offset, to: end.offset, spaces: column, skipComments: skipComments)
        else { return }
        let location = SourceLocation.of(offset: line, in: file)
        let tab = checks.byte(line) == 0x09 ? " (a tab is not indentation)" : ""
        throw YAMLError(
            .syntax, at: location,
            "this line continues the \(what) that starts at line \(start.line) and must be indented by at least "
                + "\(column) space\(column == 1 ? "" : "s")\(tab)")
    }

    /// A sequence or mapping begins: its tag and anchor checked, then its frame pushed.
    private mutating func startCollection(
        isMapping: Bool, isFlow: Bool, tag tagPointer: UnsafeMutablePointer<yaml_char_t>?,
        anchor anchorPointer: UnsafeMutablePointer<yaml_char_t>?, at start: SourceLocation
    ) throws(YAMLError) {
        let tag = try checkedTag(tagPointer, at: start)
        try checkCollectionTag(tag, isMapping: isMapping, at: start)
        let anchor = cString(anchorPointer)
        try checkNodeStart(start, anchor: anchor)
        try push(isMapping: isMapping, isFlow: isFlow, start: start, tag: tag, anchor: anchor)
    }

    private mutating func push(isMapping: Bool, isFlow: Bool, start: SourceLocation, tag: String?, anchor: String?)
        throws(YAMLError)
    {
        if stack.count >= limits.maxDepth {
            throw YAMLError(
                .tooDeep, at: start,
                "collections nest deeper than \(limits.maxDepth) level\(limits.maxDepth == 1 ? "" : "s") "
                    + "(raise the limit with --max-depth)")
        }
        try countNode(at: start)
        // While the collection is open its anchor names it, hiding any older node of that name:
        // an alias to it from inside is recursive.
        if let anchor { anchors[anchor] = nil }
        if isFlow { flowDepth += 1 }
        // The range's end and the subtree's are set when the collection closes.
        let index = table.entries.count
        table.entries.append(
            NodeTable.Entry(
                kind: isMapping ? .mapping : .sequence, style: .plain, tagCode: NodeTable.code(of: tag),
                range: SourceRange(start: start, end: start), link: -1, end: Int32(index + 1)))
        if !stack.isEmpty {
            let top = stack.count - 1
            (stack[top].children, stack[top].count, stack[top].height) = (topChildren, topCount, topHeight)
        }
        stack.append(
            Frame(
                isMapping: isMapping, isFlow: isFlow, start: start, tag: tag, anchor: anchor, index: index,
                firstKey: keys.count))
        (topIsMapping, topChildren, topCount, topHeight) = (isMapping, 0, 1, 1)
    }

    /// Refuses the node about to be added when the table already holds `limits.maxNodes`: at the
    /// first node over the budget, before any later stage pays for the millions behind it.
    @inline(__always)
    private func countNode(at start: SourceLocation) throws(YAMLError) {
        guard table.entries.count < limits.maxNodes else {
            throw YAMLError(
                .tooManyNodes, at: start,
                "the document has more than \(limits.maxNodes) nodes (keys, values and items); "
                    + "raise the limit with --max-nodes")
        }
    }

    /// Counts a finished node, whose entries run from `first` to the end of the table, as a child
    /// of the innermost open collection (or as the root).
    @inline(__always)
    private mutating func added(first: Int, count: Int, height: Int, anchor: String?) {
        if let anchor {
            anchors[anchor] = Anchored(first: first, count: count, height: height)
        }
        guard !stack.isEmpty else {
            hasRoot = true
            return
        }
        // Saturating: alias copies can make a subtree's size exceed what memory could hold.
        let (sum, overflow) = topCount.addingReportingOverflow(count)
        topCount = overflow ? .max : sum
        if height >= topHeight { topHeight = height + 1 }
        topChildren += 1
    }

    /// Checks a scalar about to become the next key of the innermost mapping: no merge key, no
    /// duplicate. (A collection as a key is refused where the collection ends.)
    private mutating func checkKey(_ scalar: Scalar, tag: String?, at start: SourceLocation, identity: KeyIdentity)
        throws(YAMLError)
    {
        if scalar.style == .plain && tag == nil && scalar.text.utf8.count == 2 && scalar.text == "<<" {
            throw YAMLError(
                .mergeKey, at: start,
                "merge keys (<<) are not supported; write the merged keys out in this mapping")
        }
        let top = stack.count - 1
        let firstKey = stack[top].firstKey
        let index = keys.count - firstKey
        if stack[top].keyIndex != nil {
            if let first = stack[top].keyIndex![identity.hash] {
                // Equal hashes: the same key, unless two keys collide (then scan them all).
                if keys[firstKey + first].value == identity.value {
                    return duplicate(scalar, at: start, first, frame: top)
                }
                if let other = keys[firstKey...].firstIndex(where: { $0.value == identity.value }) {
                    return duplicate(scalar, at: start, other - firstKey, frame: top)
                }
            } else {
                stack[top].keyIndex![identity.hash] = index
            }
        } else {
            // The hashes compared in place, and a value only when its hash is equal: reading a key
            // through the array's subscript copies its value.
            let same = keys.withUnsafeBufferPointer { keys in
                (firstKey..<keys.count).first { keys[$0].hash == identity.hash && keys[$0].value == identity.value }
            }
            if let same { return duplicate(scalar, at: start, same - firstKey, frame: top) }
            if index >= 32 {
                var keyIndex: [UInt64: Int] = [:]
                keyIndex.reserveCapacity(32)
                for i in firstKey..<keys.count where keyIndex[keys[i].hash] == nil {
                    keyIndex[keys[i].hash] = i - firstKey
                }
                if keyIndex[identity.hash] == nil { keyIndex[identity.hash] = index }
                stack[top].keyIndex = keyIndex
            }
        }
        keys.append(identity)
    }

    /// A key's value by the core schema, and a hash of it. Most keys are plain words that cannot
    /// be anything but strings; they skip resolution.
    private static func identity(_ scalar: Scalar, tag: String?) -> KeyIdentity {
        let value: ResolvedScalar
        if tag == nil && (scalar.style != .plain || !CoreSchema.mayBeNonString(scalar.text)) {
            value = .string(scalar.text)
        } else {
            value = CoreSchema.resolve(scalar, tag: tag)
        }
        // FNV-1a over a kind byte and the canonical form.
        let hash: UInt64
        switch value {
        case .string(let s): hash = fnv(s, kind: 0)
        case .int(let i): hash = fnv(UInt64(bitPattern: Int64(i)), kind: 1)
        case .bigInt(let s): hash = fnv(s, kind: 1)
        case .float(let d): hash = fnv(d == 0 ? 0 : d.isNaN ? Double.nan.bitPattern : d.bitPattern, kind: 2)
        case .bool(let b): hash = fnv(0, kind: b ? 3 : 4)
        case .null: hash = fnv(0, kind: 5)
        }
        return KeyIdentity(value: value, hash: hash)
    }

    /// `identity(_:tag:)` for an untagged scalar, hashing libyaml's bytes of its text directly.
    private static func identity(_ scalar: Scalar, bytes: UnsafeBufferPointer<UInt8>) -> KeyIdentity {
        // Plain text that may start a number or a word like `null` is resolved from the same bytes:
        // most such keys (`name`, `notes`, `type`) are strings all the same.
        if scalar.style != .plain
            || (bytes.count > 0
                && (!CoreSchema.mayBeNonString(first: bytes[0]) || CoreSchema.resolvePlain(bytes, scalar.text) == nil))
        {
            var hash = (fnvBasis ^ 0) &* fnvPrime
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
            return KeyIdentity(value: .string(scalar.text), hash: hash)
        }
        return identity(scalar, tag: nil)
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x100_0000_01b3

    private static func fnv(_ text: String, kind: UInt8) -> UInt64 {
        var hash = (fnvBasis ^ UInt64(kind)) &* fnvPrime
        text.withUTF8InPlace { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        }
        return hash
    }

    private static func fnv(_ bits: UInt64, kind: UInt8) -> UInt64 {
        var hash = (fnvBasis ^ UInt64(kind)) &* fnvPrime
        for shift in stride(from: 0, to: 64, by: 8) { hash = (hash ^ ((bits >> UInt64(shift)) & 0xFF)) &* fnvPrime }
        return hash
    }

    /// Records a duplicate key; the key stays in the table, and loading goes on.
    private mutating func duplicate(_ scalar: Scalar, at start: SourceLocation, _ first: Int, frame top: Int) {
        guard duplicates.count < YAMLLoader.duplicatesListed else {
            if unlistedDuplicates == 0 { firstUnlisted = start }
            unlistedDuplicates += 1
            return
        }
        let location = keys[stack[top].firstKey + first].start
        duplicates.append(
            YAMLError(
                .duplicateKey, at: start,
                "duplicate key \(Diagnostic.quote(scalar.text)); it was first defined at line \(location.line), "
                    + "column \(location.column)"))
    }

    /// The duplicate keys found, and an error counting those not listed.
    var duplicatesFound: [YAMLError] {
        guard unlistedDuplicates > 0 else { return duplicates }
        let more = unlistedDuplicates == 1 ? "1 more duplicate key" : "\(unlistedDuplicates) more duplicate keys"
        return duplicates + [
            YAMLError(
                .duplicateKey, at: firstUnlisted,
                "\(more) from here on, not listed (the first \(YAMLLoader.duplicatesListed) are)")
        ]
    }

    private func checkedTag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation)
        throws(YAMLError) -> String?
    {
        guard let tag = cString(pointer) else { return nil }
        // The shared constant, so that tagged nodes do not each hold a copy of the string.
        if let canonical = YAMLTag.supported.firstIndex(of: tag) { return YAMLTag.supported[canonical] }
        guard YAMLTag.supported.contains(tag) else {
            throw YAMLError(
                .unsupportedTag, at: location,
                "tag \(YAMLTag.display(tag)) is not supported; mupj accepts only the YAML core tags (!!str, !!int, "
                    + "!!float, !!bool, !!null)")
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
            throw YAMLError(
                .unsupportedTag, at: location,
                "tag \(YAMLTag.display(tag)) does not fit \(Diagnostic.quote(scalar.text)); write a value of that type "
                    + "or remove the tag")
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
