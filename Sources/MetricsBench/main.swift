import PostgresHarness

print("start")
let c = try PostgresCluster()
print("started")
print(try c.psql("select 1"))
c.stop()
