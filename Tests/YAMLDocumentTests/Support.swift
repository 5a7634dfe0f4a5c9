import YAMLDocument

/// The error a load ends with, or `nil` when the text loads.
func loadError(_ text: String, limits: LoadLimits = .default) -> YAMLError? {
    loadError(Array(text.utf8), limits: limits)
}

func loadError(_ bytes: [UInt8], limits: LoadLimits = .default) -> YAMLError? {
    do {
        _ = try YAMLLoader.load(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// Byte offset of the first occurrence of `needle` in the UTF-8 of `text` (after `from`).
func byteOffset(of needle: String, in text: String, from: Int = 0) -> Int? {
    let hay = Array(text.utf8)
    let pin = Array(needle.utf8)
    guard !pin.isEmpty, hay.count >= pin.count, from <= hay.count - pin.count else { return nil }
    for i in from...(hay.count - pin.count) where hay[i..<(i + pin.count)].elementsEqual(pin) {
        return i
    }
    return nil
}

extension Node {
    /// The value under `key` in a mapping, failing loudly in a test when absent.
    func at(_ key: String) -> Node? { self[key] }

    func at(_ index: Int) -> Node? {
        guard let items, index < items.count else { return nil }
        return items[index]
    }

    var text: String? { scalar?.text }
}
