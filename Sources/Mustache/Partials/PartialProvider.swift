/// Where `{{>name}}` and `{{<name}}` find their templates.
///
/// A protocol so the site builder can hand over a preloaded folder, the CLI a lazily read
/// directory, and tests a dictionary.
package protocol PartialProvider: Sendable {
    /// The parsed template called `name`, or nil when there is none (it then renders as
    /// nothing). Throws when the template exists but does not parse.
    func template(named name: String) throws -> Template?
}
