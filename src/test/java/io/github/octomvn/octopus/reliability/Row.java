package io.github.octomvn.octopus.reliability;

import java.util.Objects;

/** One line of docs/reliability.md: a case, the one line the user sees, and what is left on the server or disk. */
public final class Row {
    private final String area;
    private final String name;
    private final String userSees;
    private final String endState;

    public Row(String area, String name, String userSees, String endState) {
        this.area = Objects.requireNonNull(area, "area");
        this.name = Objects.requireNonNull(name, "name");
        this.userSees = Objects.requireNonNull(userSees, "userSees");
        this.endState = Objects.requireNonNull(endState, "endState");
    }

    public String area() {
        return area;
    }

    public String name() {
        return name;
    }

    public String userSees() {
        return userSees;
    }

    public String endState() {
        return endState;
    }

    @Override
    public String toString() {
        return "Row[" + area + " | " + name + " | " + userSees + " | " + endState + "]";
    }
}
