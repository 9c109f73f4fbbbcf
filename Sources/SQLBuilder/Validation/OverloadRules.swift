/// Rules on functions of one name: each argument list is created once (a second
/// `CREATE OR REPLACE` would silently replace the first), and a call in named notation matches
/// exactly one of them (PostgreSQL refuses a call two overloads match: "function … is not
/// unique").
enum OverloadRules {
  enum Finding: SQLFinding, Hashable {
    /// Two CREATE FUNCTIONs with one name and argument types.
    case createdTwice(FunctionSignature)
    /// A call that the overloads listed all match exactly.
    case ambiguousCall([FunctionSignature])

    /// The function the finding is about.
    var function: String {
      switch self {
      case .createdTwice(let signature): return Self.rendered(signature)
      case .ambiguousCall(let candidates): return candidates.first.map(Self.rendered) ?? ""
      }
    }

    var message: String {
      switch self {
      case .createdTwice:
        return
          "is created twice with these argument types; the second CREATE OR REPLACE replaces the first"
      case .ambiguousCall(let candidates):
        return
          "the call matches \(candidates.map(Self.rendered).joined(separator: " and ")), which PostgreSQL refuses as not unique; pass an argument only one of them takes, or give one of them another name"
      }
    }

    private static func rendered(_ signature: FunctionSignature) -> String {
      var writer = SQLWriter()
      return signature.rendered(&writer)
    }
  }

  /// The created functions a call in named notation matches exactly: every argument names a
  /// parameter of its type, and every parameter not passed has a default.
  static func candidates(
    for call: SchemaCatalogue.Call, in functions: [SchemaCatalogue.CreatedFunction]
  ) -> [SchemaCatalogue.CreatedFunction] {
    functions.filter { function in
      guard function.signature.name == call.function else { return false }
      let passed = Dictionary(
        call.arguments.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
      let parameters = Set(function.parameters.map(\.name))
      return passed.keys.allSatisfy(parameters.contains)
        && function.parameters.allSatisfy { parameter in
          passed[parameter.name].map { $0 == parameter.type } ?? parameter.hasDefault
        }
    }
  }

  /// Functions created twice with one signature.
  static func check(_ functions: [SchemaCatalogue.CreatedFunction]) -> [Finding] {
    var seen = Set<FunctionSignature>()
    var findings: [Finding] = []
    for function in functions where !seen.insert(function.signature).inserted {
      let finding = Finding.createdTwice(function.signature)
      if !findings.contains(finding) { findings.append(finding) }
    }
    return findings
  }
}
