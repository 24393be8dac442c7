/// A piece of template source found by the `Tokenizer`: a run of text or one tag.
struct Token {
    enum Kind: Equatable {
        case text
        case variable(escaped: Bool)
        case sectionOpen
        case invertedOpen
        case parentOpen
        case blockOpen
        case close
        case partial
        case comment
        case setDelimiters
    }

    var kind: Kind
    /// Byte range in the source: the whole tag including its delimiters, or the text.
    var start: Int
    var end: Int
    /// The trimmed tag content after its sigil (empty for text, comments and delimiters).
    var name: String = ""
    /// For `close`: the kind of tag it closes, when it matches one (used for standalone lines).
    var closes: Kind?
    /// On a line holding only this tag (and whitespace), so that line vanishes from the output.
    var standalone = false
    /// Text on a standalone line: left out of the output.
    var removed = false
}

extension Token.Kind {
    /// Tags that may share a standalone line with each other (the inheritance spec's
    /// `{{<parent}}{{$block}}` and `{{/block}}{{/parent}}` lines).
    var isInheritanceTag: Bool { self == .parentOpen || self == .blockOpen }
}
