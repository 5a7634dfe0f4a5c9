import DocumentSchema
import ReviewEngine

/// A report written one framework at a time, for the formats whose layout allows it (JSON and
/// text: nothing in them before a framework depends on a later one). A review of hundreds of
/// descriptions then holds one framework's findings at a time instead of all of them. The
/// whole-result renderers are made of the same pieces, so both ways give the same bytes.
public struct ReportStream: Sendable {
    private enum State {
        case json(JSONWriter)
        case text(colour: Bool, totals: TextReport.Totals)
    }

    private var state: State

    /// Nil for a format that needs the whole result before it can write anything.
    public init?(_ format: ReportFormat, colour: Bool) {
        switch format {
        case .json: state = .json(JSONWriter())
        case .text: state = .text(colour: colour, totals: TextReport.Totals())
        case .markdown, .html, .sarif: return nil
        }
    }

    /// The whole report of `context`, handed to `emit` in the pieces it is written in.
    static func render(
        _ format: ReportFormat, _ context: ReportContext, colour: Bool, emit: (Span<UInt8>) -> Void
    ) {
        guard var stream = ReportStream(format, colour: colour) else {
            preconditionFailure("\(format) is not written in pieces")
        }
        let result = context.result
        emit(stream.opening(toolVersion: result.toolVersion, catalogs: result.catalogs, date: context.date).span)
        stream.frameworks(context, emit: emit)
        emit(stream.closing().span)
    }

    /// The whole report at once: the same pieces, joined.
    static func render(_ format: ReportFormat, _ context: ReportContext, colour: Bool) -> String {
        String(decoding: joined { render(format, context, colour: colour, emit: $0) }, as: UTF8.self)
    }

    /// The pieces `produce` lends, copied into one array.
    public static func joined(_ produce: (_ emit: (Span<UInt8>) -> Void) -> Void) -> [UInt8] {
        var bytes: [UInt8] = []
        produce { piece in piece.withUnsafeBufferPointer { bytes += $0 } }
        return bytes
    }

    /// What comes before the first framework: the tool, the date and the catalogs reviewed against.
    public mutating func opening(toolVersion: String, catalogs: [CatalogInfo], date: String?) -> [UInt8] {
        switch state {
        case .json(var out):
            JSONReport.opening(toolVersion: toolVersion, catalogs: catalogs, date: date, into: &out)
            return take(&out)
        case .text:
            return []
        }
    }

    /// The piece for each framework of `context` (a context per framework keeps only that
    /// framework's file in memory for quoting).
    public mutating func frameworks(_ context: ReportContext) -> [UInt8] {
        Self.joined { frameworks(context, emit: $0) }
    }

    /// The same, lent to `emit` as it is written, in pieces of about a MiB: the report of one
    /// very large description is then never held whole, and no piece is copied to be written.
    public mutating func frameworks(_ context: ReportContext, emit: (Span<UInt8>) -> Void) {
        switch state {
        case .json(var stream):
            // Written by a writer of its own that stands where the stream stands, as a part is:
            // writing with the stream's writer, which `state` also holds, first copied its buffer,
            // and from the default capacity the buffer was then grown and copied twice.
            var out = JSONWriter(at: stream.position, capacity: Self.frameworkCapacity)
            Self.json(context, into: &out) { piece in
                emit(piece)
                return true
            }
            stream.resume(after: out.position)
            state = .json(stream)
            out.handOver(emit)
        case .text(_, let totals):
            // Never nil without a bound.
            append(part(context, index: totals.frameworks)!, emit: emit)
        }
    }

    /// The room a framework's writer starts with: enough for a description of usual size (about
    /// 140 KB of JSON), so that the writer is not grown and copied on the way.
    private static let frameworkCapacity = 1 << 18

    /// One framework's part of the report, made apart from the stream (on another thread) by
    /// `part(_:index:)` and written in its place by `append(_:emit:)`.
    public struct Part: Sendable {
        /// Text: the part. JSON: what was handed over while it was made (only a part of more than
        /// a MiB has any).
        fileprivate var bytes: [UInt8]
        /// JSON: the writer that made the part, holding the rest of it, lent from there when the
        /// part is written (a copy of the ~140 KB of a usual framework was the only use of it).
        fileprivate var writer: JSONWriter?
        /// Text: what the part adds to the closing line.
        fileprivate var totals: TextReport.Totals
    }

    /// The part of the frameworks of `context`, written as if `index` frameworks came before
    /// them; nil when it would pass `maxBytes`. Made whole in memory, which is why it is bounded:
    /// `frameworks(_:emit:)` writes a very large framework in pieces instead. The stream must
    /// stand where the first framework goes (after `opening`); the part does not move it, so any
    /// thread may make one from a copy.
    public func part(_ context: ReportContext, index: Int, maxBytes: Int = .max) -> Part? {
        switch state {
        case .json(let stream):
            var position = stream.position
            position.hasItems = index > 0
            var out = JSONWriter(at: position, capacity: Self.frameworkCapacity)
            // At the first piece past the bound the part is given up: what is made is dropped and
            // the findings after it are not written.
            var bytes: [UInt8] = []
            var over = false
            Self.json(context, into: &out) { piece in
                over = bytes.count + piece.count > maxBytes
                if over { bytes = [] } else { piece.withUnsafeBufferPointer { bytes += $0 } }
                return !over
            }
            guard !over, bytes.count + out.pendingBytes <= maxBytes else { return nil }
            return Part(bytes: bytes, writer: out, totals: .init())
        case .text(let colour, _):
            // Counted from `index`, so that every framework after the first is set apart by a
            // blank line; the part adds only its own frameworks.
            var totals = TextReport.Totals()
            totals.frameworks = index
            var text = ""
            for framework in context.frameworks {
                text += TextReport.framework(framework, context: context, colour: colour, totals: &totals)
            }
            guard text.utf8.count <= maxBytes else { return nil }
            totals.frameworks -= index
            return Part(bytes: Array(text.utf8), writer: nil, totals: totals)
        }
    }

    /// The bytes of `part`, lent to `emit`, with the stream moved on past it.
    public mutating func append(_ part: Part, emit: (Span<UInt8>) -> Void) {
        switch state {
        case .json(var out):
            if let end = part.writer?.position { out.resume(after: end) }
            state = .json(out)
        case .text(let colour, var totals):
            totals.add(part.totals)
            state = .text(colour: colour, totals: totals)
        }
        if !part.bytes.isEmpty { emit(part.bytes.span) }
        part.writer?.lend(emit)
    }

    /// The frameworks of `context` into `out`, in pieces handed to `emit` until it returns false.
    private static func json(_ context: ReportContext, into out: inout JSONWriter, emit: (Span<UInt8>) -> Bool) {
        var going = true
        // `emit` is only called during the loop; the parameter is optional, hence escaping.
        withoutActuallyEscaping(emit) { emit in
            for framework in context.frameworks where going {
                JSONReport.framework(framework, context: context, into: &out) { piece in
                    going = emit(piece)
                    return going
                }
            }
        }
    }

    public mutating func closing() -> [UInt8] {
        switch state {
        case .json(var out):
            JSONReport.closing(into: &out)
            return take(&out)
        case .text(_, let totals):
            return Array(TextReport.closing(totals).utf8)
        }
    }

    private mutating func take(_ out: inout JSONWriter) -> [UInt8] {
        let bytes = out.take()
        state = .json(out)
        return bytes
    }
}
