import Foundation

/// A file GenSQL generates, where it goes: `supabase/generated/schema.sql`,
/// `lib/queries/metrics.ts`.
struct GeneratedFile {
  /// Where the file goes.
  let url: URL
  /// What it holds.
  let text: String

  init(_ url: URL, _ text: String) {
    self.url = url
    self.text = text
  }

  /// Whether the file on disk holds `text` already.
  var isCurrent: Bool { (try? String(contentsOf: url, encoding: .utf8)) == text }
}
