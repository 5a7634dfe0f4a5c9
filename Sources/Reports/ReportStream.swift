import DocumentSchema
import ReviewEngine

/// A report written one framework at a time, for the formats whose layout allows it (JSON and
/// text: nothing in them before a framework depends on a later one). A review of hundreds of
/// descriptions then holds one framework's findings at a time instead of all of them. The
/// whole-result renderers are made of the same pieces, so both ways give the same bytes.
public struct ReportStream {
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
        case .json(var out):
            // `emit` is only called during the loop; the parameter is optional, hence escaping.
            withoutActuallyEscaping(emit) { emit in
                for review in context.result.frameworks {
                    JSONReport.framework(review, context: context, into: &out, emit: emit)
                }
            }
            emit(take(&out))
        case .text(let colour, var totals):
            var text = ""
            for review in context.result.frameworks {
                text += TextReport.framework(review, colour: colour, totals: &totals)
            }
            state = .text(colour: colour, totals: totals)
            emit(Array(text.utf8))
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
