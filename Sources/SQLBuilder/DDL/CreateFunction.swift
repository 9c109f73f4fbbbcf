/// A run-time setting fixed for the duration of a function call: `SET name = 'value'`.
public struct FunctionSetting: Hashable, Sendable {
  /// The setting's name, e.g. `search_path`.
  public let name: String
  /// Its value; an empty `search_path` makes every name resolve only when schema-qualified.
  public let value: String

  /// `SET name = 'value'`.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }

  /// `SET search_path = ''`: the function cannot be hijacked through objects in other schemas.
  public static let emptySearchPath = FunctionSetting("search_path", "")

  /// `SET plan_cache_mode = 'force_custom_plan'`: PL/pgSQL plans each query for the call's
  /// arguments, never with the generic plan it would otherwise switch to after five calls.
  public static let planForEachCall = FunctionSetting("plan_cache_mode", "force_custom_plan")
}

/// What a function returns: `RETURNS void`, a type, `SETOF relation`, `TABLE (…)` or `trigger`.
public struct FunctionResult: Sendable {
  enum Kind: Sendable {
    case void
    case scalar(String)
    case setOf(QualifiedName)
    case table([OutputColumn])
    case trigger
  }
  let kind: Kind
  /// The relation whose rows a set-returning function returns.
  let rows: QualifiedName?

  /// `RETURNS void`: the function is called for its effect.
  public static let void = FunctionResult(kind: .void, rows: nil)
  /// `RETURNS trigger`: a trigger function.
  public static let trigger = FunctionResult(kind: .trigger, rows: nil)

  /// `RETURNS type`: one value.
  public static func scalar<B: SQLType>(_: B.Type) -> Self {
    FunctionResult(kind: .scalar(B.sqlName), rows: nil)
  }

  /// `RETURNS SETOF relation`: rows of a table or view, with its row type.
  public static func setOf<R: Relation>(_: R.Type) -> Self {
    FunctionResult(kind: .setOf(R.qualifiedName), rows: R.qualifiedName)
  }

  /// `RETURNS TABLE (columns…)`: rows with `R`'s columns. In PL/pgSQL the column names are
  /// variables too, so qualify every column a query in the body reads.
  public static func table<R: Relation>(_: R.Type) -> Self {
    FunctionResult(kind: .table(R.columns.map(OutputColumn.init)), rows: R.qualifiedName)
  }
}

/// How a function's result may change between calls with the same arguments, which tells the
/// planner how often it must call it.
public enum Volatility: String, Sendable {
  /// May change at any time, or has side effects (PostgreSQL's default).
  case volatile = "VOLATILE"
  /// The same within one statement: reads the database but changes nothing.
  case stable = "STABLE"
  /// The same for ever for the same arguments.
  case immutable = "IMMUTABLE"
}

/// Whose privileges a function runs with.
public enum FunctionSecurity: String, Sendable {
  /// `SECURITY INVOKER`: the caller's (PostgreSQL's default).
  case invoker = "SECURITY INVOKER"
  /// `SECURITY DEFINER`: its owner's. Keep such functions out of schemas the API exposes.
  case definer = "SECURITY DEFINER"
}

/// `CREATE OR REPLACE FUNCTION name(parameters) RETURNS … AS $$ … $$ LANGUAGE …;`
///
/// A PL/pgSQL body is built from ``PLStatement``s; a SQL body is a typed query or expression,
/// so what it returns is checked by the compiler. The body is dollar-quoted with a tag that
/// does not occur in it.
public struct CreateFunction: SQLStatement {
  let name: QualifiedName
  let parameters: [any AnyParameter]
  let result: FunctionResult
  let language: Body
  let volatility: Volatility
  let security: FunctionSecurity
  let settings: [FunctionSetting]
  private(set) var isStrict = false

  enum Body: Sendable {
    case plpgsql([any PLStatement])
    case sql(SelectStatement)
    case sqlExpression(SQLNode, SQLTypeInfo)
    /// An INSERT, UPDATE or DELETE whose written rows the function returns.
    case sqlModifying(ReturnQuery)
  }

  /// A PL/pgSQL function; `body` receives the arguments.
  public init<P: FunctionParameters>(
    _ function: Function<P>, returns result: FunctionResult, volatility: Volatility = .volatile,
    security: FunctionSecurity = .invoker, settings: [FunctionSetting] = [],
    @PLBuilder body: (Arguments<P>) -> [any PLStatement]
  ) {
    self.init(
      function, result, .plpgsql(body(Arguments(function))), volatility, security, settings)
  }

  /// A `LANGUAGE sql` function returning the rows of `body`'s query: `RETURNS SETOF R`.
  public init<P: FunctionParameters, R: Relation>(
    _ function: Function<P>, returnsSetOf _: R.Type, volatility: Volatility = .volatile,
    security: FunctionSecurity = .invoker, settings: [FunctionSetting] = [],
    sql body: (Arguments<P>) -> Select<R>
  ) {
    self.init(
      function, .setOf(R.self), .sql(body(Arguments(function)).statement), volatility, security,
      settings)
  }

  /// A `LANGUAGE sql` function returning the rows of `body`'s query: `RETURNS TABLE (…)`.
  public init<P: FunctionParameters, R: Relation>(
    _ function: Function<P>, returnsTable _: R.Type, volatility: Volatility = .volatile,
    security: FunctionSecurity = .invoker, settings: [FunctionSetting] = [],
    sql body: (Arguments<P>) -> Select<R>
  ) {
    self.init(
      function, .table(R.self), .sql(body(Arguments(function)).statement), volatility, security,
      settings)
  }

  /// A `LANGUAGE sql` function returning the rows its INSERT writes, every column of `R`:
  /// `RETURNS SETOF R AS $$ INSERT … RETURNING … $$`.
  public init<P: FunctionParameters, R: Relation>(
    _ function: Function<P>, returnsSetOf _: R.Type, volatility: Volatility = .volatile,
    security: FunctionSecurity = .invoker, settings: [FunctionSetting] = [],
    sql body: (Arguments<P>) -> Insert<R>
  ) {
    self.init(
      function, .setOf(R.self), .sqlModifying(ReturnQuery(body(Arguments(function)))),
      volatility, security, settings)
  }

  /// A `LANGUAGE sql` function returning the rows its UPDATE leaves, every column of `R`.
  public init<P: FunctionParameters, R: Relation>(
    _ function: Function<P>, returnsSetOf _: R.Type, volatility: Volatility = .volatile,
    security: FunctionSecurity = .invoker, settings: [FunctionSetting] = [],
    sql body: (Arguments<P>) -> Update<R>
  ) {
    self.init(
      function, .setOf(R.self), .sqlModifying(ReturnQuery(body(Arguments(function)))),
      volatility, security, settings)
  }

  /// A `LANGUAGE sql` function returning the rows its DELETE removes, every column of `R`.
  public init<P: FunctionParameters, R: Relation>(
    _ function: Function<P>, returnsSetOf _: R.Type, volatility: Volatility = .volatile,
    security: FunctionSecurity = .invoker, settings: [FunctionSetting] = [],
    sql body: (Arguments<P>) -> Delete<R>
  ) {
    self.init(
      function, .setOf(R.self), .sqlModifying(ReturnQuery(body(Arguments(function)))),
      volatility, security, settings)
  }

  /// A `LANGUAGE sql` function returning one value: `RETURNS type AS $$ SELECT expression $$`.
  public init<P: FunctionParameters, B: SQLType, N: Nullability>(
    _ function: Function<P>, returns _: B.Type, volatility: Volatility = .volatile,
    security: FunctionSecurity = .invoker, settings: [FunctionSetting] = [],
    sql body: (Arguments<P>) -> SQLExpression<B, N>
  ) {
    let value = body(Arguments(function))
    self.init(
      function, .scalar(B.self), .sqlExpression(value.node, value.typeInfo), volatility,
      security, settings)
  }

  private init<P: FunctionParameters>(
    _ function: Function<P>, _ result: FunctionResult, _ language: Body,
    _ volatility: Volatility, _ security: FunctionSecurity, _ settings: [FunctionSetting]
  ) {
    name = function.name
    parameters = P.declared
    self.result = result
    self.language = language
    self.volatility = volatility
    self.security = security
    self.settings = settings
  }

  public func render(into w: inout SQLWriter) {
    var inner = SQLWriter()
    let languageName = renderBody(into: &inner)
    let tag = PostgreSQL.dollarQuoteTag(for: inner.text)
    renderHead(into: &w)
    w.line("AS \(tag)")
    inner.lines.forEach { w.line($0) }
    w.line(tag)
    w.line("LANGUAGE \(languageName)")
    if volatility != .volatile { w.line(volatility.rawValue) }
    if isStrict { w.line("STRICT") }
    if security == .definer { w.line(security.rawValue) }
    for setting in settings {
      w.line("SET \(w.identifier(setting.name)) = \(PostgreSQL.stringLiteral(setting.value))")
    }
    w.append(";")
  }

  /// Renders what CREATE OR REPLACE cannot change: the name, parameters and result.
  func renderHead(into w: inout SQLWriter) {
    if parameters.isEmpty {
      w.line("CREATE OR REPLACE FUNCTION \(w.name(name))()")
    } else {
      w.line("CREATE OR REPLACE FUNCTION \(w.name(name))(")
      w.indented { p in
        for (index, parameter) in parameters.enumerated() {
          var text = "\(p.identifier(parameter.name)) \(p.typeName(parameter.typeName))"
          if let value = (parameter as? any ParameterDefault)?.defaultValue {
            text += " DEFAULT \(p.expression(value))"
          }
          p.line(index == parameters.count - 1 ? text : text + ",")
        }
      }
      w.line(")")
    }
    switch result.kind {
    case .void: w.line("RETURNS void")
    case .trigger: w.line("RETURNS trigger")
    case .scalar(let type): w.line("RETURNS \(w.typeName(type))")
    case .setOf(let relation): w.line("RETURNS SETOF \(w.name(relation))")
    case .table(let columns):
      w.line("RETURNS TABLE (")
      w.indented { t in
        for (index, column) in columns.enumerated() {
          let text = "\(t.identifier(column.name)) \(t.typeName(column.typeInfo.name))"
          t.line(index == columns.count - 1 ? text : text + ",")
        }
      }
      w.line(")")
    }
  }

  /// `STRICT`: PostgreSQL returns NULL without calling the function when an argument is NULL,
  /// so a `LANGUAGE sql` function's ``NotNullParameter``s are never NULL in its body.
  public func strict() -> Self {
    var copy = self
    copy.isStrict = true
    return copy
  }

  /// Whether the body can check its arguments on entry: PL/pgSQL can raise, SQL cannot.
  var checksOnEntry: Bool {
    if case .plpgsql = language { return true }
    return false
  }

  /// A PL/pgSQL function's checks, on entry, that its ``NotNullParameter``s were not passed
  /// NULL; none for a STRICT function, which is not called then.
  var nullChecks: [any PLStatement] {
    guard !isStrict else { return [] }
    let signature = FunctionSignature(name: name, argumentTypes: parameters.map(\.typeName))
    return parameters.filter { $0 is any NeverNullParameter }.map { parameter in
      let value = SQLExpression<PG.Text, Nullable>(
        unchecked: .parameter(parameter.name, of: signature))
      return If(value.isNull) {
        Raise.exception("\(parameter.name) must not be NULL", code: .nullValueNotAllowed)
      }
    }
  }

  /// Renders the body and returns the language's name.
  private func renderBody(into inner: inout SQLWriter) -> String {
    switch language {
    case .plpgsql(let body):
      let declarations = body.compactMap { $0 as? Declare }
      if !declarations.isEmpty {
        inner.line("DECLARE")
        inner.indented { d in declarations.forEach { $0.renderDeclaration(into: &d) } }
      }
      inner.line("BEGIN")
      let statements = nullChecks + body.filter { !($0 is Declare) }
      inner.indented { b in statements.forEach { $0.render(into: &b) } }
      inner.line("END;")
      return "plpgsql"
    case .sql(let query):
      query.render(into: &inner)
      inner.append(";")
      return "sql"
    case .sqlExpression(let node, _):
      inner.line("SELECT \(inner.expression(node));")
      return "sql"
    case .sqlModifying(let returning):
      returning.renderStatement(into: &inner)
      inner.append(";")
      return "sql"
    }
  }
}

extension CreateFunction: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("function \(name)") { v in
      v.catalogue.functions[name] = FunctionRules.callType(result)
      v.catalogue.createdFunctions.append(
        .init(
          signature: FunctionSignature(name: name, argumentTypes: parameters.map(\.typeName)),
          parameters: parameters.map {
            .init(
              name: $0.name, type: $0.typeName,
              hasDefault: ($0 as? any ParameterDefault)?.defaultValue != nil)
          }, returns: FunctionRules.callType(result)))
      v.name(name)
      FunctionRules.checkParameters(parameters, in: &v)
      for parameter in parameters {
        v.identifier(parameter.name)
        v.typeName(parameter.typeName)
        if let value = (parameter as? any ParameterDefault)?.defaultValue {
          QueryRules.check(constant: value, clause: "DEFAULT of \(parameter.name)", in: &v)
        }
      }
      switch result.kind {
      case .scalar(let type): v.typeName(type)
      case .setOf(let relation): v.name(relation)
      case .table(let columns):
        for column in columns {
          v.identifier(column.name)
          v.typeName(column.typeInfo.name)
        }
      case .void, .trigger: break
      }
      settings.forEach { v.identifier($0.name) }
      if security == .definer && !settings.contains(where: { $0.name == "search_path" }) {
        v.report(FunctionRules.Finding.definerWithoutSearchPath)
      }
      let signature = FunctionSignature(name: name, argumentTypes: parameters.map(\.typeName))
      let nodes = bodyNodes
      FunctionRules.check(body: nodes, of: signature, in: &v)
      if case .trigger = result.kind {
        v.catalogue.triggerRecords[name] = FunctionRules.triggerRecords(in: nodes)
      }
      if !isStrict && !checksOnEntry {
        for parameter in parameters where parameter is any NeverNullParameter {
          v.report(FunctionRules.Finding.notNullParameterUnchecked(name: parameter.name))
        }
      }
      switch language {
      case .plpgsql(let body):
        FunctionRules.check(plpgsql: body, returning: result, parameters: parameters, in: &v)
        if case .trigger = result.kind { v.inTriggerFunction = true }
        v.validate(body)
        v.inTriggerFunction = false
      case .sql(let query):
        QueryRules.check(query, in: &v)
      case .sqlExpression(let node, _):
        QueryRules.check(expression: node, clause: "the function's result", in: &v)
      case .sqlModifying(let returning):
        returning.validate(&v)
      }
    }
  }
}

extension CreateFunction {
  /// Every node the body reads or writes, its queries' included.
  var bodyNodes: [SQLNode] {
    switch language {
    case .plpgsql(let body): return FunctionRules.flatten(body).flatMap(FunctionRules.nodes(of:))
    case .sql(let query): return query.deepNodes
    case .sqlExpression(let node, _): return node.deepNodes
    case .sqlModifying(let returning): return returning.expressions.flatMap(\.deepNodes)
    }
  }
}

/// A parameter's default, for CREATE FUNCTION.
package protocol ParameterDefault {
  var defaultValue: SQLNode? { get }
}

extension Parameter: ParameterDefault {}
extension NotNullParameter: ParameterDefault {}
