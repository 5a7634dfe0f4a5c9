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
    static func render(_ format: ReportFormat, _ context: ReportContext, colour: Bool, emit: ([UInt8]) -> Void) {
        guard var stream = ReportStream(format, colour: colour) else {
            preconditionFailure("\(format) is not written in pieces")
        }
        let result = context.result
        emit(stream.opening(toolVersion: result.toolVersion, catalogs: result.catalogs, date: context.date))
        stream.frameworks(context, emit: emit)
        emit(stream.closing())
    }

    /// The whole report at once: the same pieces, joined.
    static func render(_ format: ReportFormat, _ context: ReportContext, colour: Bool) -> String {
        String(decoding: joined { render(format, context, colour: colour, emit: $0) }, as: UTF8.self)
    }

    /// The pieces `produce` hands over, joined; a single piece, as for a description of usual
    /// size, is kept without a copy.
    static func joined(_ produce: (_ emit: ([UInt8]) -> Void) -> Void) -> [UInt8] {
        var bytes: [UInt8] = []
        produce { piece in if bytes.isEmpty { bytes = piece } else { bytes += piece } }
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

    /// The same, handed to `emit` as it is written, in pieces of about a MiB: the report of one
    /// very large description is then never held whole.
    public mutating func frameworks(_ context: ReportContext, emit: ([UInt8]) -> Void) {
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
            emit(out.take())
        case .text(_, let totals):
            // Never nil without a bound.
            emit(append(part(context, index: totals.frameworks)!))
        }
    }

    /// The room a framework's writer starts with: enough for a description of usual size (about
    /// 140 KB of JSON), so that the writer is not grown and copied on the way.
    private static let frameworkCapacity = 1 << 18

    /// One framework's part of the report, made apart from the stream (on another thread) by
    /// `part(_:index:)` and written in its place by `append(_:)`.
    public struct Part: Sendable {
        fileprivate var bytes: [UInt8]
        /// JSON: where the writer stands after the part.
        fileprivate var end: JSONWriter.Position?
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
                if over { bytes = [] } else { bytes += piece }
                return !over
            }
            guard !over, bytes.count + out.pendingBytes <= maxBytes else { return nil }
            let end = out.position
            if bytes.isEmpty { bytes = out.take() } else { bytes += out.take() }
            return Part(bytes: bytes, end: end, totals: .init())
        case .text(let colour, _):
            // Counted from `index`, so that every framework after the first is set apart by a
            // blank line; the part adds only its own frameworks.
            var totals = TextReport.Totals()
            totals.frameworks = index
            var text = ""
            for review in context.result.frameworks {
                text += TextReport.framework(review, colour: colour, totals: &totals)
            }
            guard text.utf8.count <= maxBytes else { return nil }
            totals.frameworks -= index
            return Part(bytes: Array(text.utf8), end: nil, totals: totals)
        }
    }

    /// The bytes of `part`, with the stream moved on past it.
    public mutating func append(_ part: Part) -> [UInt8] {
        switch state {
        case .json(var out):
            if let end = part.end { out.resume(after: end) }
            state = .json(out)
        case .text(let colour, var totals):
            totals.add(part.totals)
            state = .text(colour: colour, totals: totals)
        }
        return part.bytes
    }

    /// The frameworks of `context` into `out`, in pieces handed to `emit` until it returns false.
    private static func json(_ context: ReportContext, into out: inout JSONWriter, emit: ([UInt8]) -> Bool) {
        var going = true
        // `emit` is only called during the loop; the parameter is optional, hence escaping.
        withoutActuallyEscaping(emit) { emit in
            for review in context.result.frameworks where going {
                JSONReport.framework(review, context: context, into: &out) { piece in
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
