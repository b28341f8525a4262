package com.example.hello;

/** Prints a greeting: the smallest service worth deploying. */
public class HelloService {
    public static void main(String[] args) {
        System.out.println("Hello from " + System.getProperty("greeting.name", "Octopus"));
    }
}
