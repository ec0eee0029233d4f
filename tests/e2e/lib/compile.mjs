// Compiles contracts/TestToken.sol (with OpenZeppelin imports) using solc-js.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(import.meta.url);

function findImport(path) {
  try {
    return { contents: readFileSync(require.resolve(path), "utf8") };
  } catch {
    return { error: `not found: ${path}` };
  }
}

/** Returns { abi, bytecode } of TestToken; throws with solc's messages on a compile error. */
export function compileTestToken(evmVersion = "prague") {
  const input = {
    language: "Solidity",
    sources: { "TestToken.sol": { content: readFileSync(join(root, "contracts", "TestToken.sol"), "utf8") } },
    settings: {
      evmVersion,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const c = output.contracts["TestToken.sol"].TestToken;
  return { abi: c.abi, bytecode: "0x" + c.evm.bytecode.object, solcVersion: solc.version() };
}
