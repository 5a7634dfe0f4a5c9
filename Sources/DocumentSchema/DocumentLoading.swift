import YAMLDocument

/// The one way every typed document (description, clause catalog, prerequisite catalog, status
/// file) is read: YAML, then the `format:` line when the format has one, then the shape, then
/// the format's own checks on the validated tree. Each step runs only when the one before it
/// produced something; the document is kept only when no step reported an error.
extension SchemaValidator {
    public func load<Document>(
        _ source: SourceFile, limits: LoadLimits, identifier: String? = nil,
        build: (Value) -> (document: Document?, diagnostics: [Diagnostic])
    ) -> (document: Document?, diagnostics: [Diagnostic]) {
        let table: NodeTable
        do {
            table = try source.loadTable(limits: limits)
        } catch {
            return (nil, [error])
        }
        return load(table, file: source.path, identifier: identifier, build: build)
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
        var diagnostics = (validated.diagnostics + built.diagnostics).sorted()
        // The note that the build stopped after `maxDiagnostics` errors ends the list, as the
        // validator's does; unlocated, it sorted first.
        let note = SchemaValidator.truncationNote(file: file)
        if let index = diagnostics.firstIndex(of: note) { diagnostics.append(diagnostics.remove(at: index)) }
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
