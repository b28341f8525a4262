package com.example;

/** The vault client. */
public class Vault {
    public static void main(String[] args) {
        System.out.println("vault");
    }
}
