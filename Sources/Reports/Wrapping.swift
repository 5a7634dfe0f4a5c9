/// Word-wrapping for the terminal, for every page printed there (`status`, `explain`).
enum Wrapping {
    /// `text` word-wrapped to `width` columns, the first line after `first` (counted in the
    /// width), the others after `rest`, with no final line break.
    ///
    /// The text comes from descriptions, catalogs and status files, written by others: its line
    /// breaks only end words and its other control characters are shown, not sent to the terminal
    /// (`Escape.terminalParagraph`), so that it cannot print a line of the page's own. Words are
    /// split at space bytes, and a word is measured once: a decision of 15 MB split and counted by
    /// characters took 1.6 s. A word longer than a line gets a line of its own.
    static func paragraph(_ text: String, width: Int, first: String, rest: String) -> String {
        let text = Escape.terminalParagraph(text)
        var out = first
        var lineWidth = first.count
        var empty = true
        for piece in text.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true) {
            let word = Substring(piece)
            let wordWidth = columns(word, width: width)
            if !empty && lineWidth + 1 + wordWidth > width {
                out += "\n" + rest
                lineWidth = rest.count
                empty = true
            }
            if !empty {
                out += " "
                lineWidth += 1
            }
            out += word
            lineWidth += wordWidth
            empty = false
        }
        return out
    }

    /// A word's width in characters, or more than a line's when it holds more bytes than a line
    /// of four-byte characters: such a word gets a line of its own either way, and is not walked.
    static func columns(_ word: Substring, width: Int) -> Int {
        word.utf8.count > 4 * width ? width + 1 : word.count
    }
}
