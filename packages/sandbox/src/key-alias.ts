// `--key ALIAS=KEY`: ALIAS is the key the caller's tests already send, which may contain `=`
// (base64 keys end in it); KEY is a sandbox key, which never does. So the pair splits at its last
// `=`. ALIAS is a secret: errors never repeat it.
export function parseKeyAlias(pair: string): [alias: string, key: string] {
  const at = pair.lastIndexOf("=");
  const alias = pair.slice(0, Math.max(at, 0));
  const key = pair.slice(at + 1);
  if (at === -1 || !alias || !key) {
    throw new Error("--key must look like ALIAS=KEY: the key your tests send, then a sandbox key");
  }
  return [alias, key];
}
