import Foundation
import OperatorTable
import Testing

/// The files generated from the arithmetic table are committed as generated: after a change to
/// `Sources/OperatorTable`, `swift run GenOperators` writes them again.
@Suite struct OperatorTableTests {
  @Test(arguments: generatedFiles().map(\.path))
  func generatedFileIsCurrent(_ path: String) throws {
    let generated = try #require(generatedFiles().first { $0.path == path })
    let committed = try String(
      contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    #expect(committed == generated.text, "\(path) is stale; run `swift run GenOperators`")
  }

  @Test func theTableIsPostgreSQLsForKnownCases() {
    // The cases PostgreSQL's documentation spells out; ArithmeticTypeTests checks all of them
    // on a server.
    #expect(arithmeticResult("SmallInt", "Integer") == "Integer")
    #expect(arithmeticResult("Integer", "Numeric") == "Numeric")
    #expect(arithmeticResult("Real", "Real") == "Real")
    #expect(arithmeticResult("Integer", "Real") == "DoublePrecision")
    #expect(numericTypes.count == 6)
  }
}
