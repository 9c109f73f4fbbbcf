import Foundation
import Testing

/// Mistakes the DSL turns into compile errors. Each snippet in `CompileFailures/` is
/// compiled (to SIL) against the built SQLBuilder module and must fail with the error its first
/// line names; `valid.swift` must compile, so a broken harness cannot pass for a typed DSL.
@Suite struct TypeSafetyTests {
  static let folder = packageRoot.appendingPathComponent("Tests/SnapshotTests/CompileFailures")
  static let snippets = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    .filter { $0.hasSuffix(".swift") && $0 != "Prelude.swift" }.sorted()

  @Test func thereAreSnippets() {
    #expect(Self.snippets.count >= 30)
    #expect(Self.snippets.contains("valid.swift"))
  }

  @Test(arguments: snippets)
  func snippetTypeChecksAsExpected(_ name: String) throws {
    let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let firstLine = try #require(source.split(separator: "\n").first)
    let expected = try #require(
      firstLine.hasPrefix("// expect: ") ? String(firstLine.dropFirst("// expect: ".count)) : nil,
      "\(name) must start with `// expect: <error text>` or `// expect: compiles`")
    let result = try typeCheck(name)
    if expected == "compiles" {
      #expect(result.status == 0, "\(name) should compile:\n\(result.output)")
    } else {
      #expect(result.status != 0, "\(name) compiled, but should fail with: \(expected)")
      #expect(
        result.output.contains("error: ") && result.output.contains(expected),
        "\(name): expected «\(expected)» in:\n\(result.output)")
    }
  }

  private func typeCheck(_ name: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      // SIL diagnostics too: literal overflow and use before declaration are found there.
      "swiftc", "-emit-sil", "-wmo", "-o", "/dev/null", "-I", try modulesDirectory().path,
      Self.folder.appendingPathComponent("Prelude.swift").path,
      Self.folder.appendingPathComponent(name).path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// The folder with the built `SQLBuilder.swiftmodule`, beside the running test bundle.
  private func modulesDirectory() throws -> URL {
    var candidates: [URL] = []
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(folder.appendingPathComponent("Modules"))
      folder.deleteLastPathComponent()
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/Modules"))
    let found = candidates.first {
      FileManager.default.fileExists(
        atPath: $0.appendingPathComponent("SQLBuilder.swiftmodule").path)
    }
    return try #require(found, "SQLBuilder.swiftmodule not found near \(CommandLine.arguments[0])")
  }
}
