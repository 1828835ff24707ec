package dev.obrol;

public final class Obrol {
    public static void main(String[] args) {}
}
