package com.example;

/** The application. */
public class App {
    public static void main(String[] args) {
        System.out.println("token-service");
    }
}
