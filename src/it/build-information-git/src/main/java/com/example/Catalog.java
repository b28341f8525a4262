package com.example;

/** The catalog service. */
public class Catalog {
    public static void main(String[] args) {
        System.out.println("catalog");
    }
}
