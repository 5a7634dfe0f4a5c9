import YAMLDocument

/// The one way every typed document (description, clause catalog, prerequisite catalog, status
/// file, tracking file) is read: YAML, then the `format:` line when the format has one, then the shape, then
/// the format's own checks on the validated tree. Each step runs only when the one before it
/// produced something; the document is kept only when no step reported an error. Duplicate keys
/// are errors that do not stop the steps after loading: the author sees every error of the file
/// in one run, not one duplicate at a time.
extension SchemaValidator {
    public func load<Document>(
        _ source: SourceFile, limits: LoadLimits, identifier: String? = nil,
        build: (Value) -> (document: Document?, diagnostics: [Diagnostic])
    ) -> (document: Document?, diagnostics: [Diagnostic]) {
        let table: NodeTable
        var duplicates: [Diagnostic] = []
        do {
            table = try source.loadTable(limits: limits, duplicates: &duplicates)
        } catch {
            // In file order: an error located at the start of a collection comes before a
            // duplicate inside it.
            return (nil, (duplicates + [error]).sorted())
        }
        let loaded = load(table, file: source.path, identifier: identifier, build: build)
        guard !duplicates.isEmpty else { return loaded }
        return (nil, Self.merged(duplicates, loaded.diagnostics, file: source.path))
    }

    /// Two lists of diagnostics in one, in order of place, the note that a list was cut last.
    static func merged(_ first: [Diagnostic], _ second: [Diagnostic], file: String) -> [Diagnostic] {
        var diagnostics = (first + second).sorted()
        // The note that the build stopped after `maxDiagnostics` errors ends the list, as the
        // validator's does; unlocated, it sorted first.
        let note = SchemaValidator.truncationNote(file: file)
        if let index = diagnostics.firstIndex(of: note) { diagnostics.append(diagnostics.remove(at: index)) }
        return diagnostics
    }

    /// The same, from a document already loaded.
    public func load<Document>(
        _ table: NodeTable, file: String, identifier: String? = nil,
        build: (Value) -> (document: Document?, diagnostics: [Diagnostic])
    ) -> (document: Document?, diagnostics: [Diagnostic]) {
        if let identifier, let mismatch = Self.formatMismatch(table, expected: identifier, file: file) {
            return (nil, [mismatch])
        }
        let validated = validate(table, file: file)
        guard let value = validated.value else { return (nil, validated.diagnostics) }
        let built = build(value)
        if built.diagnostics.isEmpty { return (built.document, validated.diagnostics) }
        let diagnostics = Self.merged(validated.diagnostics, built.diagnostics, file: file)
        let ok = !diagnostics.contains { $0.severity == .error }
        return (ok ? built.document : nil, diagnostics)
    }
}

extension Diagnostic {
    /// The same diagnostic with its message introduced by `prefix` ("in an example: ").
    public func prefixed(_ prefix: String) -> Diagnostic {
        var copy = self
        copy.message = prefix + message
        return copy
    }
}
