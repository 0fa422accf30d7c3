/**
 * The longest prefix of a cut-off JSON text that ends after a complete value, closed with the brackets
 * still open: `{"name":"x","data":"AAAA` becomes `{"name":"x"}`. One pass, no recursion; null when no
 * complete value was read (a cut-off scalar, or not JSON at all).
 */
export function closeJsonPrefix(text: string): string | null {
  const open: string[] = [];
  let inString = false;
  let cut = -1;
  let cutDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      open.push(c === '{' ? '}' : ']');
      cut = i + 1;
      cutDepth = open.length;
    } else if (c === '}' || c === ']') {
      open.pop();
      if (open.length === 0) return text.slice(0, i + 1);
      cut = i + 1;
      cutDepth = open.length;
    } else if (c === ',' && open.length > 0) {
      // Everything before a comma at this level is complete; the brackets below it are unchanged
      // since the last cut, because any close would have moved the cut.
      cut = i;
      cutDepth = open.length;
    }
  }
  if (cut < 0) return null;
  return text.slice(0, cut) + open.slice(0, cutDepth).reverse().join('');
}
