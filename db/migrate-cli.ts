import { readEnv } from "../src/env.ts";
import { openSqlite } from "./sqlite.ts";

const env = readEnv();
const db = openSqlite(env.DATABASE_PATH);
console.log(`Migrations applied to ${env.DATABASE_PATH}.`);
db.close();
