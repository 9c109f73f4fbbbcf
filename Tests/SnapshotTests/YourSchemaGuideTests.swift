import Foundation
import Testing

/// docs/your-schema.md walks through the suite's second source schema: its copies of the view
/// and of the declaration are the files the suite runs, word for word.
@Suite struct YourSchemaGuideTests {
  static func text(_ path: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
  }

  /// The fenced blocks of `guide` in `language`.
  static func blocks(_ guide: String, _ language: String) -> [String] {
    guide.components(separatedBy: "```\(language)\n").dropFirst().compactMap {
      $0.components(separatedBy: "\n```").first
    }
  }

  @Test func theGuideShowsTheSecondSchemaAsTheSuiteRunsIt() throws {
    let guide = try Self.text("docs/your-schema.md")
    let declaration = try Self.text("Tests/DatabaseTests/SecondSchema/PhoneAgentSources.swift")
    let relations = try Self.text("Tests/DatabaseTests/SecondSchema/phone_agent.sql")
    let swift = Self.blocks(guide, "swift")
    let shown = try #require(
      guide.components(separatedBy: "<!-- phone-calls-declaration -->\n```swift\n").last?
        .components(separatedBy: "\n```\n<!-- end -->").first)
    #expect(shown.count > 1000)
    #expect(
      declaration.contains(shown), "docs/your-schema.md shows a PhoneCalls the suite does not run")
    let view = try #require(Self.blocks(guide, "sql").first { $0.contains("CREATE VIEW") })
    #expect(
      relations.contains(view), "docs/your-schema.md shows a calls_v the suite does not create")
    #expect(swift.contains { $0.contains("public enum SourceTables: SourceSchema") })
  }

  @Test func theReadmeLinksTheGuide() throws {
    #expect(try Self.text("README.md").contains("(docs/your-schema.md)"))
  }
}
