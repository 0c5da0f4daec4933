package dev.sandboxc.model;

/** An enum whose constants are written in .sandbox files as a keyword. */
public interface Keyword {
    String keyword();

    static <E extends Enum<E> & Keyword> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) if (e.keyword().equals(text)) return e;
        return null;
    }

    static <E extends Enum<E> & Keyword> java.util.List<String> keywords(Class<E> type) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (E e : type.getEnumConstants()) out.add(e.keyword());
        return out;
    }
}
