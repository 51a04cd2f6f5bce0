package dev.weave4j.internal.cli;

import java.util.List;

/** A plain-text table: a header row and rows, columns padded, some right-aligned. */
final class TextTable {

  private TextTable() {}

  /** {@code rows} (the header first) with two spaces between columns; {@code right} columns. */
  static String render(List<String[]> rows, int... right) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].codePointCount(0, row[c].length()));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        String pad = " ".repeat(widths[c] - row[c].codePointCount(0, row[c].length()));
        line.append(isRight(right, c) ? pad + row[c] : row[c] + (c == row.length - 1 ? "" : pad));
        if (c < row.length - 1) {
          line.append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static boolean isRight(int[] right, int column) {
    for (int r : right) {
      if (r == column) {
        return true;
      }
    }
    return false;
  }
}
