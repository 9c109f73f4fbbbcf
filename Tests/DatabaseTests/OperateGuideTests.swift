import Foundation
import MetricsSchema
import Testing

extension DatabaseTests {
  /// Each SQL block of docs/operate.md runs as written, as `postgres`, on the strategy its
  /// section is about: the incremental strategy's section on that strategy, the others on both;
  /// the read replicas' section on a replica (`ReadReplicaTests.swift`).
  @Suite struct OperateGuide {
    static let replicaSection = "Read replicas"

    /// The guide's SQL blocks for the primary, each with whether it is in the incremental
    /// strategy's section.
    static func blocks() throws -> [(sql: String, incrementalOnly: Bool)] {
      fencedBlocks(try MetricsDatabase.file("docs/operate.md"), language: "sql").filter {
        $0.section != replicaSection
      }.map { ($0.code, $0.section == "The incremental strategy") }
    }

    /// The read replicas' section's SQL blocks: the checks on a replica, then the failover step.
    static func replicaBlocks() throws -> [String] {
      fencedBlocks(try MetricsDatabase.file("docs/operate.md"), language: "sql").filter {
        $0.section == replicaSection
      }.map(\.code)
    }

    @Test func theGuideHasSQLForBothStrategies() throws {
      let blocks = try Self.blocks()
      #expect(blocks.count >= 7)
      #expect(blocks.contains { $0.incrementalOnly } && blocks.contains { !$0.incrementalOnly })
    }

    @Test(arguments: MetricsStrategy.allCases)
    func everySQLBlockRunsAsWritten(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(SQLFor.inserts(MessyData(seed: 8)))
      for block in try Self.blocks() where strategy == .incremental || !block.incrementalOnly {
        let result = try database.cluster.psqlResult(block.sql)
        #expect(
          result.status == 0,
          "docs/operate.md on the \(strategy) strategy:\n\(block.sql)\n\(result.error)")
      }
    }
  }
}

/// The fenced code blocks of a Markdown `text` in `language`, in order, each with the `## `
/// heading of its section.
func fencedBlocks(_ text: String, language: String) -> [(section: String, code: String)] {
  var blocks: [(String, String)] = []
  var section = ""
  var current: [Substring]? = nil
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
    if line == "```\(language)" {
      current = []
    } else if line == "```", let block = current {
      blocks.append((section, block.joined(separator: "\n")))
      current = nil
    } else {
      current?.append(line)
    }
  }
  return blocks
}
