/// Rules on functions: parameter names are unique and parameters with defaults come last; a
/// PL/pgSQL body returns what the function declares (a value of its type, the rows of its
/// relation, or nothing) and reads only parameters and variables it declares.
enum FunctionRules {
  /// A function body that reads what is not its own.
  enum Finding: SQLFinding, Hashable {
    /// The body reads a parameter of another function, which does not exist in this one.
    case parameterOfAnotherFunction(name: String, function: QualifiedName)
    /// A PL/pgSQL statement returns rows that go nowhere (`INSERT … RETURNING` on its own),
    /// which PostgreSQL refuses only when the function runs.
    case resultWithoutDestination(table: QualifiedName)
    /// SECURITY DEFINER without a fixed search_path.
    case definerWithoutSearchPath
    /// Two parameters of one name.
    case parameterDeclaredTwice(String)
    /// A parameter without a default after one with.
    case defaultNotLast(String)
    /// Two variables of one name, or one named like a parameter.
    case variableDeclaredTwice(String)
    /// A name the body reads that is neither a parameter nor a variable.
    case undeclaredName(String)
    /// RETURN QUERY's rows are not the function's.
    case returnQueryOfOtherRows(rows: QualifiedName, result: String)
    case returnOfOtherType(returned: String, result: String)
    case returnWithoutValue(result: String)
    case returnWithValue(result: String)
    case triggerReturnsValue
    /// A call in named notation.
    case requiredArgumentLeftOut(function: QualifiedName, parameter: String)
    case argumentPassedTwice(function: QualifiedName, parameter: String)
    /// A `LANGUAGE sql` function, which cannot raise, reads a NOT NULL parameter without STRICT.
    case notNullParameterUnchecked(name: String)

    var message: String {
      switch self {
      case .parameterOfAnotherFunction(let name, let function):
        return
          "the body reads \(name), a parameter of \(function); a function reads only its own parameters"
      case .notNullParameterUnchecked(let name):
        return
          "\(name) is read as NOT NULL, but a LANGUAGE sql function cannot check it; mark the function .strict() (it then returns NULL when an argument is NULL), or write it in PL/pgSQL, which checks on entry"
      case .definerWithoutSearchPath:
        return
          "a SECURITY DEFINER function must fix its search_path (settings: [.emptySearchPath]), or a caller's objects can stand in for the ones it reads"
      case .parameterDeclaredTwice(let name): return "parameter \(name) is declared twice"
      case .defaultNotLast(let name):
        return
          "parameter \(name) has no default but follows one that has; PostgreSQL requires defaults last"
      case .variableDeclaredTwice(let name):
        return "variable \(name) is declared twice, or shadows a parameter"
      case .undeclaredName(let name):
        return "\(name) is neither a parameter nor a declared variable"
      case .returnQueryOfOtherRows(let rows, let result):
        return "RETURN QUERY returns rows of \(rows), but the function returns \(result)"
      case .returnOfOtherType(let returned, let result):
        return "RETURN gives a \(returned), but the function returns \(result)"
      case .returnWithoutValue(let result):
        return "RETURN without a value in a function that returns \(result)"
      case .returnWithValue(let result):
        return "RETURN with a value in a function that returns \(result)"
      case .triggerReturnsValue: return "a trigger function returns NULL or a row, not a value"
      case .requiredArgumentLeftOut(let function, let parameter):
        return "the call of \(function) leaves out \(parameter), which has no default"
      case .argumentPassedTwice(let function, let parameter):
        return "the call of \(function) passes \(parameter) twice"
      case .resultWithoutDestination(let table):
        return
          "a statement on \(table) has RETURNING but nowhere to put its rows; return them (RETURN QUERY) or drop RETURNING"
      }
    }
  }

  /// The parameters a body reads belong to the function itself.
  static func check(body: [SQLNode], of function: FunctionSignature, in writer: inout SQLValidator)
  {
    for case .parameter(let name, let owner) in body where owner != function {
      writer.report(Finding.parameterOfAnotherFunction(name: name, function: owner.name))
    }
  }

  /// Which of a trigger's records, `new` and `old`, a body reads or assigns.
  static func triggerRecords(in body: [SQLNode]) -> Set<String> {
    var records = Set<String>()
    for node in body {
      switch node {
      case .variable(let name) where name == "new" || name == "old": records.insert(name)
      case .column(let column):
        if let source = column.source, source.isTriggerRecord, let alias = source.alias {
          records.insert(alias)
        }
      default: break
      }
    }
    return records
  }

  /// Every node a PL/pgSQL statement holds, its queries' included.
  static func nodes(of statement: any PLStatement) -> [SQLNode] {
    ((statement as? any PLInspectable)?.expressions ?? []).flatMap(\.deepNodes)
  }
  static func checkParameters(_ parameters: [any AnyParameter], in writer: inout SQLValidator) {
    var seen = Set<String>()
    var defaultSeen = false
    for parameter in parameters {
      if !seen.insert(parameter.name).inserted {
        writer.report(Finding.parameterDeclaredTwice(parameter.name))
      }
      let hasDefault = (parameter as? any ParameterDefault)?.defaultValue != nil
      if defaultSeen && !hasDefault {
        writer.report(Finding.defaultNotLast(parameter.name))
      }
      defaultSeen = defaultSeen || hasDefault
    }
  }

  static func check(
    plpgsql body: [any PLStatement], returning result: FunctionResult,
    parameters: [any AnyParameter], in writer: inout SQLValidator
  ) {
    var known = Set(parameters.map(\.name))
    if case .trigger = result.kind { known.formUnion(["new", "old"]) }
    if case .table(let columns) = result.kind { known.formUnion(columns.map(\.name)) }
    for case let declaration as Declare in flatten(body) {
      if !known.insert(declaration.name).inserted {
        writer.report(Finding.variableDeclaredTwice(declaration.name))
      }
    }
    for statement in flatten(body) {
      if let inspectable = statement as? any PLInspectable {
        for node in inspectable.expressions {
          for name in variables(in: node) where !known.contains(name) {
            writer.report(Finding.undeclaredName(name))
          }
        }
      }
      checkReturn(statement, result, in: &writer)
      if let modifying = statement as? any ReturningStatement, !modifying.returning.isEmpty {
        writer.report(Finding.resultWithoutDestination(table: table(of: modifying)))
      }
    }
  }

  private static func table<S: ReturningStatement>(of _: S) -> QualifiedName {
    S.Table.qualifiedName
  }

  private static func checkReturn(
    _ statement: any PLStatement, _ result: FunctionResult, in writer: inout SQLValidator
  ) {
    if let query = statement as? ReturnQuery {
      if result.rows != query.output {
        writer.report(
          Finding.returnQueryOfOtherRows(rows: query.output, result: describe(result)))
      }
    } else if let returned = statement as? Return {
      switch (result.kind, returned.value, returned.typeName) {
      case (.scalar(let type), _, let returnedType?) where type != returnedType:
        writer.report(Finding.returnOfOtherType(returned: returnedType, result: type))
      case (.scalar(let type), nil, _):
        writer.report(Finding.returnWithoutValue(result: type))
      case (.void, _?, _), (.setOf, _?, _), (.table, _?, _):
        writer.report(Finding.returnWithValue(result: describe(result)))
      case (.trigger, _?, _?):
        writer.report(Finding.triggerReturnsValue)
      default:
        break
      }
    }
  }

  /// A call in named notation passes every parameter without a default, once each, and is
  /// remembered to compare its result type with the function's definition.
  static func check(
    call function: QualifiedName, arguments: [NamedArgument], required: [String],
    returns: String, in writer: inout SQLValidator
  ) {
    let passed = arguments.map(\.name)
    for name in required where !passed.contains(name) {
      writer.report(Finding.requiredArgumentLeftOut(function: function, parameter: name))
    }
    var seen = Set<String>()
    for name in passed where !seen.insert(name).inserted {
      writer.report(Finding.argumentPassedTwice(function: function, parameter: name))
    }
    writer.catalogue.calls.append(
      .init(
        function: function, arguments: arguments.map { .init(name: $0.name, type: $0.typeName) },
        returns: returns, calledBy: writer.context))
  }

  /// What a created function returns, as a call's `returns` names it.
  static func callType(_ result: FunctionResult) -> String {
    switch result.kind {
    case .setOf, .table: return "SETOF \(result.rows.map(\.description) ?? "")"
    default: return describe(result)
    }
  }

  private static func describe(_ result: FunctionResult) -> String {
    switch result.kind {
    case .void: return "void"
    case .trigger: return "trigger"
    case .scalar(let type): return type
    case .setOf(let relation): return "SETOF \(relation)"
    case .table: return "TABLE (\(result.rows.map(\.description) ?? ""))"
    }
  }

  static func flatten(_ body: [any PLStatement]) -> [any PLStatement] {
    body.flatMap { statement in
      [statement] + flatten((statement as? any PLInspectable)?.nested ?? [])
    }
  }

  /// The variables and parameters an expression reads, its subqueries included.
  private static func variables(in node: SQLNode) -> [String] {
    node.deepNodes.compactMap { node in
      switch node {
      case .variable(let name), .parameter(let name, _): return name
      default: return nil
      }
    }
  }
}
