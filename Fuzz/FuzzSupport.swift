import FoundationEssentials
import PolicyCatalog
import Reports
import ReviewEngine
import YAMLDocument

// What the fuzz targets share: the invariants every input must keep, whatever it is read as.

/// The shipped catalogs' directory, as `mupj` finds it where the fuzzer runs (the package root).
let catalogDirectory = CatalogDirectory.default(
    variable: ProcessInfo.processInfo.environment[CatalogDirectory.variable])

/// A text that must be JSON (a JSON or SARIF report, a status in JSON): whatever the input holds,
/// its escaping cannot break out of a string.
func requireJSON(_ text: String, _ what: @autoclosure () -> String) {
    let parsed = try? JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
    require(parsed != nil, "\(what()) is not JSON")
}

/// A text for a terminal or a Markdown viewer: whatever the input holds, it sends no control
/// character but the line feed, and no bidirectional control (each is shown or replaced).
func requireNoControls(_ text: String, _ what: @autoclosure () -> String) {
    let sent = text.unicodeScalars.first { scalar in
        let value = scalar.value
        return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
    }
    require(sent == nil, "\(what()) sends U+\(String(sent?.value ?? 0, radix: 16))")
}

/// Every link of an HTML report goes to a place in the page, to a file beside it, or to a web
/// address the description cites: whatever it holds, no other scheme (`javascript:`, `data:`)
/// reaches an `href`, and no attribute is opened inside one.
func requireSafeLinks(_ html: String) {
    for piece in html.split(separator: "href=\"").dropFirst() {
        let value = piece.prefix { $0 != "\"" }
        require(!value.contains("<") && !value.contains(">"), "an href holds markup: \(value.prefix(80))")
        let scheme = value.prefix { $0 != ":" && $0 != "/" && $0 != "#" && $0 != "?" }
        guard scheme.count < value.count, value[scheme.endIndex] == ":" else { continue }
        require(scheme == "http" || scheme == "https", "an href with the scheme \(scheme.prefix(20))")
    }
}

/// Every diagnostic about the input points into it, at the line and column of its offset.
func requireLocated(_ diagnostics: [Diagnostic], in file: String, _ lines: LineTable) {
    for diagnostic in diagnostics where diagnostic.file == file {
        if let location = diagnostic.location { lines.check(location, diagnostic.message) }
    }
}

/// Every format renders the review, and the JSON and SARIF reports are JSON: whatever text the
/// description holds, its escaping cannot break out of a string.
func checkReports(_ review: FrameworkReview, catalogs: [CatalogInfo], _ source: SourceFile) {
    let context = ReportContext(
        result: ReviewResult(toolVersion: "fuzz", catalogs: catalogs, frameworks: [review]), sources: [source])
    for format in ReportFormat.allCases {
        let text = format.render(context)
        if format == .text || format == .markdown { requireNoControls(text, "the \(format) report") }
        if format == .html { requireSafeLinks(text) }
        guard format == .json || format == .sarif else { continue }
        requireJSON(text, "the \(format) report")
    }
    for clause in review.clauses {
        requireNoControls(Explanation.trace(clause, file: source.path), "the explanation of \(clause.clause.id)")
    }
    // A part made apart, as the streamed review makes it on another thread, is what the stream
    // itself writes in its place: first, or after another framework.
    for format in ReportFormat.allCases {
        guard var stream = ReportStream(format, colour: false) else { continue }
        _ = stream.opening(toolVersion: "fuzz", catalogs: catalogs, date: nil)
        var itself = stream
        let written = [itself.frameworks(context), itself.frameworks(context)]
        for index in written.indices {
            guard let part = stream.part(context, index: index) else {
                require(false, "no \(format) part without a bound")
                continue
            }
            require(
                ReportStream.joined { stream.append(part, emit: $0) } == written[index],
                "the \(format) part \(index) differs from the stream's")
        }
        require(stream.closing() == itself.closing(), "the \(format) stream closes differently after parts")
    }
}

/// Every clause of every catalog is decided, by at least one finding, with the status its
/// findings give it; finding ids are fingerprints; all evidence points into the description
/// (`lines` is its line table).
func checkReview(_ review: FrameworkReview, catalogs: CatalogSet, _ lines: LineTable) {
    require(
        review.clauses.count == catalogs.catalogs.reduce(0) { $0 + $1.clauses.count }, "a clause was not decided")
    for clause in review.clauses {
        require(!clause.findings.isEmpty, "clause \(clause.clause.id) has no finding")
        require(
            clause.status == Status.aggregate(clause.findings.map(\.status)),
            "clause \(clause.clause.id) is \(clause.status), which its findings do not give")
        for finding in clause.findings {
            let hex = finding.id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            require(finding.id.utf8.count == 16 && hex, "finding id '\(finding.id)' is not 16 hexadecimal digits")
            for evidence in finding.evidence {
                lines.check(evidence.range.start, "evidence start (\(finding.id))")
                lines.check(evidence.range.end, "evidence end (\(finding.id))")
            }
        }
    }
}

/// Any JSON value, for checking that a text parses.
enum AnyJSON: Decodable {
    case value

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(AnyJSON.self) }
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            for key in object.allKeys { _ = try object.decode(AnyJSON.self, forKey: key) }
        } else {
            let scalar = try decoder.singleValueContainer()
            if !scalar.decodeNil() {
                if (try? scalar.decode(Bool.self)) == nil, (try? scalar.decode(Double.self)) == nil {
                    _ = try scalar.decode(String.self)
                }
            }
        }
        self = .value
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The line and column of every byte offset, counted independently of the loader the way
/// libyaml counts its marks: a line ends at LF, CR, CR LF, NEL, LS or PS; columns count Unicode
/// scalars; a byte-order mark at the start is no column.
struct LineTable {
    var lines: [Int32] = []
    var columns: [Int32] = []
    var count: Int { lines.count - 1 }

    init(_ bytes: [UInt8]) {
        lines.reserveCapacity(bytes.count + 1)
        columns.reserveCapacity(bytes.count + 1)
        var line: Int32 = 1
        var column: Int32 = 1
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            lines += [1, 1, 1]
            columns += [1, 1, 1]
            i = 3
        }
        while i < bytes.count {
            let b = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            let third = i + 2 < bytes.count ? bytes[i + 2] : 0
            var breakLength = 0
            if b == 0x0A {
                breakLength = 1
            } else if b == 0x0D {
                breakLength = next == 0x0A ? 2 : 1
            } else if b == 0xC2 && next == 0x85 {
                breakLength = 2
            } else if b == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) {
                breakLength = 3
            }
            if breakLength > 0 {
                for _ in 0..<breakLength {
                    lines.append(line)
                    columns.append(column)
                }
                line += 1
                column = 1
                i += breakLength
            } else {
                lines.append(line)
                columns.append(column)
                if b & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        lines.append(line)
        columns.append(column)
    }

    /// A location points into the file, and its line and column are those of its offset.
    func check(_ location: SourceLocation, _ what: @autoclosure () -> String) {
        require(location.offset >= 0 && location.offset <= count, "offset outside the file: \(what())")
        let line = Int(lines[location.offset])
        let column = Int(columns[location.offset])
        require(
            location.line == line && location.column == column,
            "\(what()): location \(location.line):\(location.column) but offset \(location.offset) is at "
                + "\(line):\(column)")
    }
}

/// The review, or nil when it stopped at a review limit: an outcome the commands report (exit 2),
/// whose error must be located, at a check (in `file` when the catalog is the input).
func withinLimits<T>(in file: String, _ lines: LineTable, _ review: () throws(ReviewLimitExceeded) -> T) -> T? {
    do {
        return try review()
    } catch {
        require(error.diagnostic.location != nil, "a review limit error without a location")
        requireLocated([error.diagnostic], in: file, lines)
        return nil
    }
}

/// A broken invariant: a finding. `fatalError` prints its message in optimized builds too.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
