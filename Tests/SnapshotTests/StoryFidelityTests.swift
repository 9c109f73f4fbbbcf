import Foundation
import SQLBuilder
import StorySketch
import Testing

/// The story's "Key Logic" SQL, written in the DSL as the story has it, renders token for token
/// the same SQL: the DSL can say what the story says, and the differences in our view are chosen.
@Suite struct StoryFidelityTests {
  static let fixtures = packageRoot.appendingPathComponent("Tests/SnapshotTests/Fixtures")

  func fixture(_ name: String) throws -> String {
    try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func keyLogicMatchesTheStoryTokenForToken() throws {
    let statements: [any SQLStatement] = [
      StorySketch.view, StorySketch.lookupIndex, StorySketch.cronJob,
    ]
    let rendered = try statements.map { try render($0) }.joined(separator: "\n")
    let story = SQLTokenizer.tokens(try fixture("story-key-logic.sql"))
    let ours = SQLTokenizer.tokens(rendered)
    // The DSL qualifies every column, an unaliased source's by its relation's name; the story
    // leaves those bare. That is the only difference allowed, and only for the sources the
    // sketch reads without an alias.
    let unaliased: Set<String> = [StoryCalls.qualifiedName.name, StoryOrders.qualifiedName.name]
    #expect(ours.contains("calls_v") && ours.contains("."))
    let bare = Self.droppingQualifiers(unaliased, from: ours)
    #expect(bare == story, "first difference at token \(firstDifference(bare, story))")
  }

  /// `tokens` without the `name .` before a column, for each relation in `names`.
  static func droppingQualifiers(_ names: Set<String>, from tokens: [String]) -> [String] {
    var kept: [String] = []
    var index = 0
    while index < tokens.count {
      let qualifies =
        names.contains(tokens[index]) && index + 2 < tokens.count && tokens[index + 1] == "."
        && (index == 0 || tokens[index - 1] != ".")
      if qualifies {
        index += 2
      } else {
        kept.append(tokens[index])
        index += 1
      }
    }
    return kept
  }

  @Test func refreshFunctionMatchesTheStoryTokenForToken() throws {
    let story = SQLTokenizer.tokens(try fixture("story-refresh-function.sql"))
    let ours = SQLTokenizer.tokens(try render(StorySketch.refreshFunction))
    #expect(ours == story, "first difference at token \(firstDifference(ours, story))")
  }

  @Test func fixturesAreTheStorysOwnSQL() throws {
    let spec = packageRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/spec/story-1.3-metrics-view.md")
    guard let story = try? String(contentsOf: spec, encoding: .utf8) else {
      // A clone without the spec beside it checks against the committed copies alone.
      return
    }
    #expect(story.contains(try fixture("story-key-logic.sql")))
    #expect(story.contains(try fixture("story-refresh-function.sql")))
  }

  @Test func theSketchFailsValidationAsTheContractSays() {
    let script = SQLScript("story.sql", header: []) {
      StorySketch.view
      StorySketch.lookupIndex
      StorySketch.cronJob
    }
    #expect(throws: SQLGenerationError.self) { try generate([script]) }
  }

  private func firstDifference(_ a: [String], _ b: [String]) -> String {
    let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    let ours = a[index..<min(a.count, index + 8)].joined(separator: " ")
    let story = b[index..<min(b.count, index + 8)].joined(separator: " ")
    return "\(index): ours «\(ours)» story «\(story)»"
  }
}
